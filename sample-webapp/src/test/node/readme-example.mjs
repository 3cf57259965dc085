import OpenAI from 'openai';

// OPENAI_BASE_URL: your app's URL and the facade's path, such as http://localhost:8080/v1;
// OPENAI_API_KEY: a client key (any text for a caller the app knows otherwise).
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY });

const answer = await client.chat.completions.create({
  model: 'default',
  messages: [{ role: 'user', content: 'Hello' }],
});
console.log(answer.choices[0].message.content);

const stream = await client.chat.completions.create({
  model: 'default',
  messages: [{ role: 'user', content: 'Tell me a story' }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
}
process.stdout.write('\n');
