// SocialBot on Azure: Container Apps (2+ stateless replicas) + Azure Cache for Redis + Key Vault + Application
// Insights + Azure Bot (Teams channel). Deploy steps: infra/azure/README.md.
targetScope = 'resourceGroup'

@description('Short lower-case prefix for resource names.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'socialbot'

param location string = resourceGroup().location

@description('Container image, e.g. myregistry.azurecr.io/socialbot:1.0.0 (built from the repository Dockerfile).')
param containerImage string

@description('Registry server of containerImage when it is private (e.g. myregistry.azurecr.io); the app pulls with its managed identity (AcrPull role needed). Empty: public image.')
param containerRegistryServer string = ''

@description('Bot identity type: SingleTenant (app registration + client secret) or UserAssignedMSI (the identity created here; no secret).')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param microsoftAppType string = 'SingleTenant'

@description('Entra app registration id (SingleTenant). Ignored for UserAssignedMSI: the managed identity\'s client id is used.')
param microsoftAppId string = ''

@description('Client secret of the app registration (SingleTenant only). Stored in Key Vault.')
@secure()
param microsoftAppPassword string = ''

@description('Tenant of the bot identity.')
param microsoftAppTenantId string = tenant().tenantId

@description('BotFramework:AllowedTenants, comma-separated; empty = any tenant.')
param allowedTenants string = ''

@description('Ingestion:Secret, the HMAC secret of /api/mentions and of the outbound approval webhook (16+ characters). Stored in Key Vault.')
@secure()
@minLength(16)
param ingestionSecret string

@description('SocialBot:Admins, Entra object ids, comma-separated.')
param admins string = ''

@description('Approvals:Approvers, Entra object ids, comma-separated.')
param approvers string = ''

@allowed([
  'any'
  'all'
])
param approvalsMode string = 'any'

param approvalsSlaHours int = 4

param approvalsUrgentSlaMinutes int = 30

@description('Approvals:WebhookUrl, called on approval (HMAC-signed); empty = off.')
param approvalsWebhookUrl string = ''

@description('Digest:DefaultTimeZone, an IANA time zone.')
param digestDefaultTimeZone string = 'UTC'

param digestSkipWhenEmpty bool = false

@description('AI:Endpoint of an OpenAI-compatible model; empty = no model.')
param aiEndpoint string = ''

@description('AI:ApiKey. Stored in Key Vault when given.')
@secure()
param aiApiKey string = ''

param aiModel string = ''

@description('Cloud endpoints; the defaults are the public cloud (same names and defaults as the Bot Framework SDK).')
param toBotFromChannelOpenIdMetadataUrl string = 'https://login.botframework.com/v1/.well-known/openidconfiguration'
param toBotFromChannelTokenIssuer string = 'https://api.botframework.com'
param toChannelFromBotLoginUrl string = 'https://login.microsoftonline.com/botframework.com'
param toChannelFromBotOAuthScope string = 'https://api.botframework.com'
param validateAuthority bool = true

@minValue(2)
param minReplicas int = 2

@minValue(2)
param maxReplicas int = 6

@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Azure Cache for Redis SKU (Standard or Premium have a replica; Premium supports clustering).')
@allowed([
  'Standard'
  'Premium'
])
param redisSku string = 'Standard'

param redisCapacity int = 1

var suffix = uniqueString(resourceGroup().id, namePrefix)
var isMsi = microsoftAppType == 'UserAssignedMSI'
var hasAiKey = !empty(aiApiKey)
// Key Vault role "Key Vault Secrets User".
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: '${namePrefix}-redis-${suffix}'
  location: location
  properties: {
    sku: {
      name: redisSku
      family: redisSku == 'Premium' ? 'P' : 'C'
      capacity: redisCapacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    redisConfiguration: {
      // Durable state lives here: never evict keys to make room.
      'maxmemory-policy': 'noeviction'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!isMsi) {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: microsoftAppPassword
  }
}

resource ingestionSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'IngestionSecret'
  properties: {
    value: ingestionSecret
  }
}

resource aiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (hasAiKey) {
  parent: vault
  name: 'AiApiKey'
  properties: {
    value: aiApiKey
  }
}

resource redisSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'RedisConnectionString'
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' = {
  name: '${namePrefix}-env-${suffix}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    // The managed OpenTelemetry agent: it sets OTEL_EXPORTER_OTLP_ENDPOINT in the app, which switches the bot's
    // OTLP exporter on, and forwards traces and logs to Application Insights.
    appInsightsConfiguration: {
      connectionString: appInsights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
      logsConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
    }
  }
}

// Secrets as Key Vault references, read with the user-assigned identity.
var vaultSecrets = concat(
  isMsi ? [] : [
    {
      name: 'microsoft-app-password'
      keyVaultUrl: '${vault.properties.vaultUri}secrets/MicrosoftAppPassword'
      identity: identity.id
    }
  ],
  [
    {
      name: 'ingestion-secret'
      keyVaultUrl: '${vault.properties.vaultUri}secrets/IngestionSecret'
      identity: identity.id
    }
    {
      name: 'redis-connection-string'
      keyVaultUrl: '${vault.properties.vaultUri}secrets/RedisConnectionString'
      identity: identity.id
    }
  ],
  hasAiKey ? [
    {
      name: 'ai-api-key'
      keyVaultUrl: '${vault.properties.vaultUri}secrets/AiApiKey'
      identity: identity.id
    }
  ] : []
)

// Every configuration key of PRODUCT.md ("Configuration"), in environment-variable form (__ for :).
var appSettings = concat(
  [
    { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
    { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
    { name: 'MicrosoftAppType', value: microsoftAppType }
    { name: 'MicrosoftAppId', value: isMsi ? identity.properties.clientId : microsoftAppId }
    { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
    { name: 'ToBotFromChannelOpenIdMetadataUrl', value: toBotFromChannelOpenIdMetadataUrl }
    { name: 'ToBotFromChannelTokenIssuer', value: toBotFromChannelTokenIssuer }
    { name: 'ToChannelFromBotLoginUrl', value: toChannelFromBotLoginUrl }
    { name: 'ToChannelFromBotOAuthScope', value: toChannelFromBotOAuthScope }
    { name: 'ValidateAuthority', value: string(validateAuthority) }
    { name: 'BotFramework__AllowedTenants', value: allowedTenants }
    // Honoured only in Development; stated here so nobody turns it on in Azure by accident.
    { name: 'BotFramework__AllowUnauthenticated', value: 'false' }
    { name: 'ConnectionStrings__Redis', secretRef: 'redis-connection-string' }
    { name: 'State__KeyPrefix', value: 'socialbot' }
    { name: 'Ingestion__Secret', secretRef: 'ingestion-secret' }
    { name: 'SocialBot__Admins', value: admins }
    { name: 'Approvals__Approvers', value: approvers }
    { name: 'Approvals__Mode', value: approvalsMode }
    { name: 'Approvals__SlaHours', value: string(approvalsSlaHours) }
    { name: 'Approvals__UrgentSlaMinutes', value: string(approvalsUrgentSlaMinutes) }
    { name: 'Approvals__WebhookUrl', value: approvalsWebhookUrl }
    { name: 'Digest__DefaultTimeZone', value: digestDefaultTimeZone }
    { name: 'Digest__SkipWhenEmpty', value: string(digestSkipWhenEmpty) }
    { name: 'AI__Endpoint', value: aiEndpoint }
    { name: 'AI__Model', value: aiModel }
    { name: 'Shutdown__Timeout', value: '00:00:30' }
    { name: 'Observability__ServiceName', value: namePrefix }
    // Scraped inside the environment only: ingress exposes it, so keep it off unless a scraper needs it.
    { name: 'Observability__MetricsEndpoint', value: 'false' }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  ],
  isMsi ? [] : [
    { name: 'MicrosoftAppPassword', secretRef: 'microsoft-app-password' }
  ],
  hasAiKey ? [
    { name: 'AI__ApiKey', secretRef: 'ai-api-key' }
  ] : []
)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    secretsReader
    appPasswordSecret
    ingestionSecretValue
    aiKeySecret
    redisSecret
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(containerRegistryServer) ? [] : [
        {
          server: containerRegistryServer
          identity: identity.id
        }
      ]
      secrets: vaultSecrets
    }
    template: {
      // Longer than Shutdown:Timeout, so in-flight turns finish before the replica is killed.
      terminationGracePeriodSeconds: 45
      containers: [
        {
          name: 'bot'
          image: containerImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: appSettings
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 3
              failureThreshold: 20
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 15
              failureThreshold: 3
            }
            {
              // Redis, signing keys and workers: an unready replica gets no traffic but is not restarted.
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'SocialBot'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppType: microsoftAppType
    msaAppId: isMsi ? identity.properties.clientId : microsoftAppId
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: isMsi ? identity.id : null
    developerAppInsightKey: appInsights.properties.InstrumentationKey
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botEndpoint string = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
output botAppId string = isMsi ? identity.properties.clientId : microsoftAppId
output identityPrincipalId string = identity.properties.principalId
output keyVaultName string = vault.name
output redisHostName string = redis.properties.hostName
output appInsightsName string = appInsights.name
