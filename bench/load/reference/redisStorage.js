'use strict';

// A botbuilder Storage over Redis (npm `redis`): one JSON string per key, MGET for reads, and the Storage contract's
// optimistic concurrency: an item written with eTag '*' (or none) replaces what is there; any other eTag must match the
// stored one, checked and written in one Lua script. Microsoft ships no Redis storage for Node; this is the small one
// a team would write.

const CHECK_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, stored = pcall(cjson.decode, current)
  if ok and stored['eTag'] ~= ARGV[2] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

class RedisStorage {
  /**
   * @param {import('redis').RedisClientType} client a connected client
   * @param {string} prefix key prefix, like SocialBot's State:KeyPrefix
   */
  constructor(client, prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  key(key) {
    return `${this.prefix}:${key}`;
  }

  async read(keys) {
    const items = {};
    if (!keys || keys.length === 0) {
      return items;
    }

    const values = await this.client.mGet(keys.map((k) => this.key(k)));
    values.forEach((value, index) => {
      if (value !== null && value !== undefined) {
        items[keys[index]] = JSON.parse(value);
      }
    });
    return items;
  }

  async write(changes) {
    if (!changes) {
      return;
    }

    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const expected = item.eTag;
        const stored = JSON.stringify({ ...item, eTag: newETag() });
        if (!expected || expected === '*') {
          await this.client.set(this.key(key), stored);
          return;
        }

        const written = await this.client.eval(CHECK_AND_SET, { keys: [this.key(key)], arguments: [stored, expected] });
        if (written !== 1) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
      }),
    );
  }

  async delete(keys) {
    if (keys && keys.length > 0) {
      await this.client.del(keys.map((k) => this.key(k)));
    }
  }
}

let counter = 0;
function newETag() {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${process.pid}-${Date.now().toString(36)}-${counter.toString(36)}`;
}

module.exports = { RedisStorage };
