using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SocialBot.Bot.State;

internal sealed class StateStoreHealthCheck(IStateStore store) : IHealthCheck
{
    public const string Name = "state-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await store.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"State store answered in {roundTrip.TotalMilliseconds:0.#} ms.");
        }
        catch (StoreUnavailableException exception)
        {
            return HealthCheckResult.Unhealthy("State store unreachable.", exception);
        }
    }
}
