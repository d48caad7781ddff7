using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Features.Digest;
using SocialBot.Bot.Features.Drafts;
using SocialBot.Bot.Features.Mentions;
using SocialBot.Bot.Features.Trends;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.LanguageModel;
using SocialBot.Bot.Observability;
using SocialBot.Bot.Protocol.Auth;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Hosting;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;

// The container HEALTHCHECK: `dotnet SocialBot.Bot.dll --healthcheck` asks the running instance and exits 0/1.
if (HealthProbe.IsRequested(args))
{
    Environment.Exit(await HealthProbe.RunAsync(args));
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHealthChecks();
builder.Services.AddBotAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddConnector(builder.Configuration, builder.Environment);
builder.Services.AddStateStore(builder.Configuration, builder.Environment);
builder.Services.AddTurns(builder.Configuration);
builder.Services.AddMentionIngestion(builder.Configuration);
builder.Services.AddDrafts(builder.Configuration);
builder.Services.AddLanguageModel(builder.Configuration);
builder.Services.AddTrends();
builder.Services.AddMentions(builder.Configuration);
builder.Services.AddObservability(builder.Configuration, builder.Environment);
builder.Services.AddApprovals(builder.Configuration);
builder.Services.AddDigest(builder.Configuration);

var app = builder.Build();
if (ConfigurationCheck.IsRequested(args))
{
    Environment.Exit(ConfigurationCheck.Run(builder.Services, app.Services, Console.Out));
}

app.MapHealthEndpoints();
app.MapBotMessages();
app.MapMentionIngestion();
app.MapObservability();

app.Run();

public partial class Program;
