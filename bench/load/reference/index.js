'use strict';

// The load benchmark's reference: SocialBot's `new post <text>` turn written with Microsoft's Bot Framework SDK for
// JavaScript (botbuilder + botbuilder-dialogs 4.23.3) on Redis. Per message: the CloudAdapter validates the channel's
// JWT (OpenID metadata, signing keys with endorsements, issuer, audience, serviceurl claim), conversation state is read
// from Redis, the dialog stack is continued, a `new post` starts a waterfall dialog whose step sends the draft form
// card through the connector client, the conversation reference is kept in conversation state (for proactive
// messages, as SocialBot does), and the state is written back to Redis.
//
// Environment: PORT, REDIS_URL, MICROSOFT_APP_ID, OPENID_METADATA_URL, TOKEN_ISSUER, OUTBOUND_TOKEN, CARD_FILE.

const fs = require('node:fs');
const http = require('node:http');
const { createClient } = require('redis');
const {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  TurnContext,
} = require('botbuilder');
const { AppCredentials, ServiceClientCredentialsFactory } = require('botframework-connector');
const { DialogSet, DialogTurnStatus, WaterfallDialog } = require('botbuilder-dialogs');
const { RedisStorage } = require('./redisStorage');

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`Set ${name}.`);
  }
  return value;
};

const appId = env('MICROSOFT_APP_ID');
const outboundToken = env('OUTBOUND_TOKEN', 'load-outbound-token');
const formCard = JSON.parse(fs.readFileSync(env('CARD_FILE'), 'utf8'));

// What MSAL would hand out from its cache: the same place in the SDK (AppCredentials.getToken and its token cache),
// without Entra. SocialBot gets the same fixed token from its IBotTokenProvider.
class FixedTokenCredentials extends AppCredentials {
  async refreshToken() {
    return { accessToken: outboundToken, expiresOn: new Date(Date.now() + 60 * 60 * 1000) };
  }
}

class FixedTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  async isValidAppId(id) {
    return id === appId;
  }

  async isAuthenticationDisabled() {
    return false;
  }

  async createCredentials(id, audience) {
    return new FixedTokenCredentials(id, undefined, audience);
  }
}

const auth = new ConfigurationBotFrameworkAuthentication(
  {
    MicrosoftAppId: appId,
    MicrosoftAppType: 'MultiTenant',
    ToBotFromChannelOpenIdMetadataUrl: env('OPENID_METADATA_URL'),
    ToBotFromChannelTokenIssuer: env('TOKEN_ISSUER', 'https://api.botframework.com'),
  },
  new FixedTokenCredentialsFactory(),
);
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error(`turn failed: ${error && error.stack ? error.stack : error}`);
  await context.sendActivity('Sorry, something went wrong.');
};

// The draft form: the card SocialBot sent for the same text (captured once by the load driver), with the text filled in.
function draftForm(text) {
  const card = structuredClone(formCard);
  const fill = (elements) => {
    for (const element of elements ?? []) {
      if (element.id === 'text') {
        element.value = text;
      }
      fill(element.items);
      fill(element.body);
      for (const column of element.columns ?? []) {
        fill(column.items);
      }
    }
  };
  fill(card.body);
  return CardFactory.adaptiveCard(card);
}

const NEW_POST = /^\s*(new post|draft|post)(\s+|$)(.*)$/is;

class ReferenceBot extends ActivityHandler {
  constructor(conversationState) {
    super();
    this.conversationState = conversationState;
    this.reference = conversationState.createProperty('reference');
    this.dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    this.dialogs.add(
      new WaterfallDialog('newPost', [
        async (step) => {
          await step.context.sendActivity({ attachments: [draftForm(step.options.text)] });
          return step.endDialog();
        },
      ]),
    );

    this.onMessage(async (context, next) => {
      await this.reference.set(context, TurnContext.getConversationReference(context.activity));
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        const match = NEW_POST.exec(context.activity.text ?? '');
        if (match) {
          await dc.beginDialog('newPost', { text: match[3].trim() });
        } else {
          await context.sendActivity("I didn't get that. Type **help** to see what I can do.");
        }
      }
      await next();
    });
  }

  async run(context) {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}

// Node's own HTTP server with the few request/response members CloudAdapter.process uses (what restify or express
// would provide, without their routing and middleware cost).
function serve(bot) {
  return http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || req.url !== '/api/messages') {
      res.writeHead(404).end();
      return;
    }

    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }

      const response = {
        socket: res.socket,
        status: (code) => {
          res.statusCode = code;
        },
        header: (name, value) => res.setHeader(name, value),
        send: (body) => {
          if (body !== undefined && body !== null) {
            if (typeof body === 'object' && !Buffer.isBuffer(body)) {
              res.setHeader('content-type', 'application/json; charset=utf-8');
              res.write(JSON.stringify(body));
            } else {
              res.write(body);
            }
          }
        },
        end: () => res.end(),
      };
      adapter.process(req, response, (context) => bot.run(context)).catch((error) => {
        console.error(`process failed: ${error}`);
        if (!res.headersSent) {
          res.statusCode = 500;
        }
        res.end();
      });
    });
  });
}

async function main() {
  const client = createClient({ url: env('REDIS_URL') });
  client.on('error', (error) => console.error(`redis: ${error}`));
  await client.connect();
  const bot = new ReferenceBot(new ConversationState(new RedisStorage(client, 'reference')));
  const server = serve(bot);
  const port = Number(env('PORT'));
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => console.log('ready'));
  process.on('SIGTERM', () => {
    server.close();
    client.quit().finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
