using Microsoft.Extensions.Options;
using SocialBot.Bot.Protocol.Connector;

namespace SocialBot.Bot.Proactive;

/// <summary>
/// Queues requests to Teams so that they stay within the per-conversation and per-tenant sliding windows.
/// Callers await a slot instead of failing. Slots are handed out round-robin across conversations, one per
/// conversation per pass, so one busy conversation cannot starve the others of the shared tenant budget.
/// A 429 with Retry-After pauses the conversation for as long as Teams asked.
/// Teams counts a request when it arrives, somewhere between the grant and the end of the call. So a call in flight
/// holds its place in every window until its <see cref="RequestSlot"/> is disposed, and from then on it counts from
/// that later time: the window here never frees before Teams' does, however slow the network or the machine.
/// </summary>
internal sealed class ConversationRateLimiter : IConnectorThrottleObserver, IDisposable
{
    private static readonly TimeSpan IdleSweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _margin;
    private readonly (int Limit, TimeSpan Span)[] _conversationWindows;
    private readonly (int Limit, TimeSpan Span)[] _tenantWindows;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RequestLog> _tenants = new(StringComparer.Ordinal);
    private readonly Queue<Lane> _rotation = new();
    private readonly ITimer _timer;
    private DateTimeOffset _lastSweep;

    public ConversationRateLimiter(IOptions<ProactiveOptions> options, TimeProvider time)
    {
        var limits = options.Value;
        _time = time;
        _margin = limits.SafetyMargin;
        _conversationWindows =
        [
            (limits.PerConversationPerSecond, TimeSpan.FromSeconds(1)),
            (limits.PerConversationPer30Seconds, TimeSpan.FromSeconds(30)),
            (limits.PerConversationPerHour, TimeSpan.FromHours(1)),
        ];
        _tenantWindows = [(limits.PerTenantPerSecond, TimeSpan.FromSeconds(1))];
        _lastSweep = time.GetUtcNow();
        _timer = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Completes when one request to <paramref name="conversationId"/> may be sent now; the slot is counted as used.
    /// A null conversation (creating a conversation) counts against the tenant only.
    /// </summary>
    public Task<RequestSlot> WaitAsync(string? tenantId, string? conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter(this, tenantId ?? string.Empty);
        lock (_gate)
        {
            var lane = LaneFor(conversationId, waiter.TenantKey);
            lane.Waiters.Enqueue(waiter);
            if (!lane.InRotation)
            {
                lane.InRotation = true;
                _rotation.Enqueue(lane);
            }

            GrantAvailableSlots();
        }

        if (!waiter.Completion.Task.IsCompleted && cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(() => waiter.Completion.TrySetCanceled(cancellationToken));
        }

        return waiter.Completion.Task;
    }

    /// <summary>Stops handing out slots for the conversation until <paramref name="duration"/> has passed.</summary>
    public void Pause(string conversationId, TimeSpan duration) => Pause(conversationId, duration, reserveRetry: false);

    /// <summary>
    /// Teams answered 429: the connector client retries that request itself after Retry-After, without asking for a
    /// slot, so the retry is booked now in the conversation's and the tenant's windows at the time it will be sent.
    /// </summary>
    void IConnectorThrottleObserver.OnThrottled(string conversationId, TimeSpan retryAfter) => Pause(conversationId, retryAfter, reserveRetry: true);

    private void Pause(string conversationId, TimeSpan duration, bool reserveRetry)
    {
        lock (_gate)
        {
            var lane = LaneFor(conversationId, tenantKey: null);
            var until = _time.GetUtcNow() + duration;
            if (until > lane.PausedUntil)
            {
                lane.PausedUntil = until;
            }

            if (reserveRetry)
            {
                lane.Log?.RecordAt(until);
                if (lane.TenantKey is { } tenantKey)
                {
                    TenantLog(tenantKey).RecordAt(until);
                }
            }

            GrantAvailableSlots();
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Pump()
    {
        lock (_gate)
        {
            GrantAvailableSlots();
        }
    }

    /// <summary>Round-robin passes over the conversations with waiters until no slot is free; then arms the timer.</summary>
    private void GrantAvailableSlots()
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? wakeAt = null;
        bool grantedAny;
        do
        {
            grantedAny = false;
            wakeAt = null;
            for (var remaining = _rotation.Count; remaining > 0; remaining--)
            {
                var lane = _rotation.Dequeue();
                lane.DropCancelled();
                if (lane.Waiters.TryPeek(out var head))
                {
                    var tenant = TenantLog(head.TenantKey);
                    var freeAt = Max(lane.NextFreeAt(now), tenant.NextFreeAt(now));
                    if (freeAt <= now)
                    {
                        lane.Waiters.Dequeue();
                        lane.Log?.Start();
                        tenant.Start();
                        head.Grant(lane.Log, tenant);
                        grantedAny = true;
                    }
                    // Blocked by calls in flight: their end pumps again, no timer needed.
                    else if (freeAt != DateTimeOffset.MaxValue && (wakeAt is null || freeAt < wakeAt))
                    {
                        wakeAt = freeAt;
                    }
                }

                lane.InRotation = lane.Waiters.Count > 0;
                if (lane.InRotation)
                {
                    _rotation.Enqueue(lane);
                }
            }
        }
        while (grantedAny);

        _timer.Change(wakeAt is { } due ? due - now : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        SweepIdle(now);
    }

    private Lane LaneFor(string? conversationId, string? tenantKey)
    {
        // Creating a conversation has no thread yet: it only counts against the tenant.
        var key = conversationId is null ? "\0tenant:" + tenantKey : conversationId;
        if (!_lanes.TryGetValue(key, out var lane))
        {
            lane = new Lane(conversationId is null ? null : new RequestLog(_conversationWindows, _margin));
            _lanes.Add(key, lane);
        }

        lane.TenantKey = tenantKey ?? lane.TenantKey;
        return lane;
    }

    private RequestLog TenantLog(string tenantKey)
    {
        if (!_tenants.TryGetValue(tenantKey, out var log))
        {
            log = new RequestLog(_tenantWindows, _margin);
            _tenants.Add(tenantKey, log);
        }

        return log;
    }

    private void SweepIdle(DateTimeOffset now)
    {
        if (now - _lastSweep < IdleSweepInterval)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, lane) in _lanes.ToArray())
        {
            if (lane.IsIdle(now))
            {
                _lanes.Remove(key);
            }
        }

        foreach (var (key, log) in _tenants.ToArray())
        {
            if (log.IsEmpty(now))
            {
                _tenants.Remove(key);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void Finish(RequestLog? conversationLog, RequestLog tenantLog)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            conversationLog?.Finish(now);
            tenantLog.Finish(now);
            GrantAvailableSlots();
        }
    }

    /// <summary>A granted request; dispose it when the call to Teams has finished.</summary>
    internal sealed class RequestSlot : IDisposable
    {
        private readonly ConversationRateLimiter _limiter;
        private readonly RequestLog? _conversationLog;
        private readonly RequestLog _tenantLog;
        private int _finished;

        internal RequestSlot(ConversationRateLimiter limiter, RequestLog? conversationLog, RequestLog tenantLog)
        {
            _limiter = limiter;
            _conversationLog = conversationLog;
            _tenantLog = tenantLog;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _finished, 1) == 0)
            {
                _limiter.Finish(_conversationLog, _tenantLog);
            }
        }
    }

    private sealed class Waiter(ConversationRateLimiter limiter, string tenantKey)
    {
        public string TenantKey { get; } = tenantKey;
        public TaskCompletionSource<RequestSlot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Cancellation { get; set; }

        public void Grant(RequestLog? conversationLog, RequestLog tenantLog)
        {
            Completion.TrySetResult(new RequestSlot(limiter, conversationLog, tenantLog));
            Cancellation.Dispose();
        }
    }

    private sealed class Lane(RequestLog? log)
    {
        public RequestLog? Log { get; } = log;
        public Queue<Waiter> Waiters { get; } = new();
        public bool InRotation { get; set; }
        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The tenant whose budget this conversation's requests use, once a request asked for a slot.</summary>
        public string? TenantKey { get; set; }

        public DateTimeOffset NextFreeAt(DateTimeOffset now)
        {
            var free = Log?.NextFreeAt(now) ?? now;
            return PausedUntil > free ? PausedUntil : free;
        }

        public void DropCancelled()
        {
            while (Waiters.TryPeek(out var head) && head.Completion.Task.IsCompleted)
            {
                Waiters.Dequeue();
            }
        }

        public bool IsIdle(DateTimeOffset now) =>
            Waiters.Count == 0 && !InRotation && PausedUntil <= now && (Log?.IsEmpty(now) ?? true);
    }

    /// <summary>
    /// Sliding-window log checked against several (limit, span) windows: the times of finished requests, plus the
    /// requests still in flight, which may reach Teams at any moment and so occupy every window until they finish.
    /// </summary>
    internal sealed class RequestLog((int Limit, TimeSpan Span)[] windows, TimeSpan margin)
    {
        private readonly List<DateTimeOffset> _times = [];
        private readonly TimeSpan _longest = windows.Max(w => w.Span) + margin;
        private int _inFlight;

        public void Start() => _inFlight++;

        /// <summary>A request in flight has finished: from now on it counts from <paramref name="at"/>.</summary>
        public void Finish(DateTimeOffset at)
        {
            _inFlight--;
            RecordAt(at);
        }

        /// <summary>Books a request at a time (a retry Teams asked for may lie in the future), keeping the log sorted.</summary>
        public void RecordAt(DateTimeOffset at)
        {
            var insertAt = _times.Count;
            while (insertAt > 0 && _times[insertAt - 1] > at)
            {
                insertAt--;
            }

            _times.Insert(insertAt, at);
        }

        /// <summary>
        /// A finished request at time t occupies each window until t + span (+ margin); one in flight occupies it until
        /// it finishes, when the limiter looks again.
        /// </summary>
        public DateTimeOffset NextFreeAt(DateTimeOffset now)
        {
            Prune(now);
            var free = now;
            foreach (var (limit, span) in windows)
            {
                var finishedThatMustAge = _times.Count + _inFlight - limit + 1;
                if (finishedThatMustAge <= 0)
                {
                    continue;
                }

                if (finishedThatMustAge > _times.Count)
                {
                    return DateTimeOffset.MaxValue;
                }

                var releasedAt = _times[finishedThatMustAge - 1] + span + margin;
                if (releasedAt > free)
                {
                    free = releasedAt;
                }
            }

            return free;
        }

        public bool IsEmpty(DateTimeOffset now)
        {
            Prune(now);
            return _times.Count == 0 && _inFlight == 0;
        }

        private void Prune(DateTimeOffset now)
        {
            var stale = 0;
            while (stale < _times.Count && _times[stale] + _longest <= now)
            {
                stale++;
            }

            if (stale > 0)
            {
                _times.RemoveRange(0, stale);
            }
        }
    }
}
