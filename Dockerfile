# syntax=docker/dockerfile:1
# SocialBot container: build with the .NET SDK, run on the ASP.NET Core runtime as the non-root `app` user.
#   docker build -t socialbot .
#   docker run -p 8080:8080 -e ConnectionStrings__Redis=redis:6379 -e MicrosoftAppId=… socialbot
# The published project is Bot/SocialBot.Bot.csproj, the same one CI builds and tests (SocialBot.sln).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Bot/SocialBot.Bot.csproj Bot/
COPY Cards/SocialBot.Cards.csproj Cards/
COPY Dialogs/SocialBot.Dialogs.csproj Dialogs/
RUN dotnet restore Bot/SocialBot.Bot.csproj
COPY Bot/ Bot/
COPY Cards/ Cards/
COPY Dialogs/ Dialogs/
RUN dotnet publish Bot/SocialBot.Bot.csproj --configuration Release --no-restore --output /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
# Production unless told otherwise: the bot then refuses to start without Redis and a bot identity.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0 \
    Shutdown__Timeout=00:00:30
COPY --from=build --chown=root:root /app/publish ./
# The image's unprivileged user (uid 1654); the app only reads its own files.
USER $APP_UID
EXPOSE 8080
# The runtime image has no curl: the app probes itself (GET http://127.0.0.1:$ASPNETCORE_HTTP_PORTS/healthz, exit 0/1).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "SocialBot.Bot.dll", "--healthcheck"]
# SIGTERM starts a graceful shutdown: in-flight turns finish, workers leave pending work for other instances.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "SocialBot.Bot.dll"]
