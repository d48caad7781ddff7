using SocialBot.Bot.Features.Approvals;
using SocialBot.Bot.Ingestion;
using SocialBot.Bot.Protocol.Auth;
using SocialBot.Bot.Protocol.Connector;
using SocialBot.Bot.Protocol.Hosting;
using SocialBot.Bot.State;
using SocialBot.Bot.Turns;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHealthChecks();
builder.Services.AddBotAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddConnector(builder.Configuration, builder.Environment);
builder.Services.AddStateStore(builder.Configuration, builder.Environment);
builder.Services.AddTurns(builder.Configuration);
builder.Services.AddMentionIngestion(builder.Configuration);
builder.Services.AddApprovals(builder.Configuration);

var app = builder.Build();

app.MapHealthEndpoints();
app.MapBotMessages();
app.MapMentionIngestion();

app.Run();

public partial class Program;
