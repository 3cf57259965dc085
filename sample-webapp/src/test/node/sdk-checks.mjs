// The official openai npm client against Chatroute's OpenAI-compatible facade, for NodeSdkTest.
// OPENAI_BASE_URL is the facade (such as http://127.0.0.1:8080/v1) and OPENAI_API_KEY the caller's key.
// Each check prints one JSON line of what the SDK gave back; the Java test judges them.
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: process.env.OPENAI_BASE_URL,
  apiKey: process.env.OPENAI_API_KEY,
  maxRetries: 0,
  timeout: 10_000,
});
const hello = { model: 'default', messages: [{ role: 'user', content: 'Hello' }] };
const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function check(name, run) {
  try {
    print({ check: name, ...(await run()) });
  } catch (e) {
    print({ check: name, failed: e?.constructor?.name ?? 'Error', status: e?.status ?? null, message: String(e?.message ?? e) });
  }
}

await check('json', async () => {
  const answer = await client.chat.completions.create(hello);
  const choice = answer.choices[0];
  return { object: answer.object, id: answer.id, model: answer.model, content: choice.message.content,
    finish_reason: choice.finish_reason, usage: answer.usage };
});

await check('stream', async () => {
  const stream = await client.chat.completions.create({ ...hello, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let finishReason = null;
  let usage = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice) {
      text += choice.delta?.content ?? '';
      finishReason = choice.finish_reason ?? finishReason;
    }
    usage = chunk.usage ?? usage;
  }
  return { text, finish_reason: finishReason, usage };
});

await check('tool_call', async () => {
  // The SDK's own stream helper puts the tool call's pieces back together.
  const runner = client.chat.completions.stream({ ...hello, tools: [weather] });
  const whole = await runner.finalChatCompletion();
  const choice = whole.choices[0];
  const call = choice.message.tool_calls[0];
  return { finish_reason: choice.finish_reason, calls: choice.message.tool_calls.length, id: call.id,
    name: call.function.name, arguments: call.function.arguments };
});

await check('rate_limit', async () => {
  try {
    await client.chat.completions.create(hello);
    return { refused: false };
  } catch (e) {
    if (!(e instanceof OpenAI.RateLimitError)) {
      throw e;
    }
    return { refused: true, status: e.status, code: e.code, type: e.type, retry_after: e.headers?.get('retry-after') ?? null };
  }
});
