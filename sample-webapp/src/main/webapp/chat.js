// The chat page: keeps the conversation in the page, posts it to the chat route and streams the
// answer into the last bubble as server-sent events arrive. Model text only ever goes into text
// nodes (never innerHTML), so an answer cannot inject markup.

import { readEvents } from './sse.js';
import {
  describe, statusOf, retryAfterSeconds, NETWORK_FAILURE, CUT_OFF, UNREADABLE,
} from './errors.js';

const form = document.getElementById('composer');
const input = document.getElementById('message');
const sendButton = document.getElementById('send');
const stopButton = document.getElementById('stop');
const routeSelect = document.getElementById('route');
const newChatButton = document.getElementById('new-chat');
const log = document.getElementById('log');
const welcome = document.getElementById('welcome');

// A model alias from the page address (index.html?model=name); otherwise the server's default.
const model = new URLSearchParams(window.location.search).get('model');

const history = []; // the turns the server has answered, sent again with every message
let streaming = null; // the AbortController of the answer being streamed, if any
let conversation = 0; // bumped by "New chat", so a late answer cannot land in the new one

function setStreaming(controller) {
  streaming = controller;
  sendButton.disabled = controller !== null;
  stopButton.disabled = controller === null;
}

// Keeps the newest message in view while it grows, unless the person scrolled up to read.
function keepingScroll(change) {
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  change();
  if (atBottom) {
    log.scrollTop = log.scrollHeight;
  }
}

function addMessage(role, content) {
  const root = document.createElement('div');
  root.className = `message ${role}`;
  const who = document.createElement('span');
  who.className = 'visually-hidden';
  who.textContent = role === 'user' ? 'You said:' : 'Assistant:';
  const text = document.createElement('div');
  text.className = 'text';
  const textNode = document.createTextNode(content);
  text.append(textNode);
  const notes = document.createElement('div');
  notes.className = 'notes';
  root.append(who, text, notes);
  keepingScroll(() => {
    welcome.hidden = true;
    log.append(root);
  });
  return {
    root,
    append(piece) {
      keepingScroll(() => textNode.appendData(piece));
    },
    note(words, kind) {
      const p = document.createElement('p');
      p.className = `note ${kind}`;
      if (kind === 'error') {
        p.setAttribute('role', 'alert');
      }
      p.textContent = words;
      keepingScroll(() => notes.append(p));
      return p;
    },
  };
}

function parse(data) {
  return JSON.parse(data); // a SyntaxError here means the stream is not what the contract says
}

// A refused call: a status >= 400 with a JSON error body (or, from a proxy, anything else).
async function refusal(response) {
  let error = {};
  try {
    const body = await response.json();
    if (body && typeof body.error === 'object' && body.error !== null) {
      error = body.error;
    }
  } catch (ignored) {
    // not JSON (a proxy's HTML page, say): the status alone decides the words
  }
  return {
    words: describe(response.status, error, retryAfterSeconds(response.headers.get('Retry-After'))),
    requestId: error.requestId || response.headers.get('X-Request-Id'),
  };
}

// Streams one answer into `answer`; returns {text, ending} where ending says how it ended.
async function stream(response, answer) {
  let text = '';
  let usage = null;
  let ending = null;
  let requestId = response.headers.get('X-Request-Id');
  await readEvents(response.body, ({ event, data }) => {
    if (ending) {
      return; // nothing counts after done or error
    }
    if (event === 'meta') {
      requestId = parse(data).requestId || requestId;
    } else if (event === 'delta') {
      const piece = parse(data).text;
      if (typeof piece === 'string' && piece !== '') {
        text += piece;
        answer.append(piece);
      }
    } else if (event === 'usage') {
      usage = parse(data);
    } else if (event === 'done') {
      ending = { kind: 'done', finishReason: parse(data).finishReason, usage };
    } else if (event === 'error') {
      const body = parse(data);
      const error = body.error || body;
      ending = { kind: 'failed', words: describe(statusOf(error), error, error.retryAfter), requestId };
    }
  });
  return { text, ending: ending || { kind: 'failed', words: CUT_OFF, requestId } };
}

// A server that answered without streaming (application/json) is read whole.
async function whole(response, answer) {
  const body = await response.json();
  const text = typeof body.text === 'string' ? body.text : '';
  answer.append(text);
  return { text, ending: { kind: 'done', finishReason: body.finishReason, usage: body.usage } };
}

async function ask(content) {
  const asked = conversation;
  const question = addMessage('user', content);
  const answer = addMessage('assistant', '');
  answer.root.dataset.state = 'streaming';
  answer.root.setAttribute('aria-busy', 'true');
  const controller = new AbortController();
  setStreaming(controller);

  const messages = [...history, { role: 'user', content }];
  const body = { messages, stream: true };
  if (model) {
    body.model = model;
  }
  let result = { text: '', ending: null };
  let answered = false; // whether the server accepted the call (a failure after that is a cut)
  try {
    const response = await fetch(routeSelect.value, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: controller.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    answered = true;
    if (!response.ok) {
      result.ending = { kind: 'failed', ...(await refusal(response)) };
    } else if ((response.headers.get('Content-Type') || '').startsWith('application/json')) {
      result = await whole(response, answer);
    } else {
      result = await stream(response, answer);
    }
  } catch (e) {
    const text = answer.root.querySelector('.text').textContent;
    if (e.name === 'AbortError') {
      result = { text, ending: { kind: 'stopped' } };
    } else if (e instanceof SyntaxError) {
      result = { text, ending: { kind: 'failed', words: UNREADABLE } };
    } else {
      result = { text, ending: { kind: 'failed', words: answered ? CUT_OFF : NETWORK_FAILURE } };
    }
  } finally {
    setStreaming(null);
  }
  if (asked === conversation) {
    finish(question, answer, content, result);
  }
}

function finish(question, answer, content, { text, ending }) {
  answer.root.dataset.state = ending.kind;
  answer.root.removeAttribute('aria-busy');
  if (ending.kind === 'done') {
    if (ending.finishReason === 'length') {
      answer.note('The answer reached its length limit.', 'info');
    } else if (ending.finishReason && ending.finishReason !== 'stop') {
      answer.note(`The answer ended early (${ending.finishReason}).`, 'info');
    }
    const u = ending.usage;
    if (u && Number.isFinite(u.totalTokens)) {
      answer.note(`${u.totalTokens} tokens (${u.inputTokens} in, ${u.outputTokens} out)`, 'usage');
    }
  } else if (ending.kind === 'stopped') {
    answer.note(text ? 'Stopped. The answer above is incomplete.' : 'Stopped before an answer arrived.', 'stopped');
  } else {
    answer.note(ending.words, 'error');
    if (ending.requestId) {
      answer.note(`Reference: ${ending.requestId}`, 'reference');
    }
  }
  if (text) {
    // What the person saw, partial or not, is what the model sees next time.
    history.push({ role: 'user', content }, { role: 'assistant', content: text });
  } else {
    // Nothing came back: this message is not part of the conversation, and goes back in the box.
    question.root.classList.add('unanswered');
    if (!input.value.trim()) {
      input.value = content;
    }
  }
  // Back to the message box, unless the person has moved on to something else meanwhile.
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused === stopButton || focused === input) {
    input.focus();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (streaming) {
    return;
  }
  const content = input.value.trim();
  if (!content) {
    input.focus();
    return;
  }
  input.value = '';
  ask(content);
});

// Enter sends; Shift+Enter makes a new line; Enter that confirms an IME composition does neither.
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stopButton.addEventListener('click', () => {
  if (streaming) {
    streaming.abort();
  }
});

newChatButton.addEventListener('click', () => {
  if (streaming) {
    streaming.abort();
  }
  conversation++;
  history.length = 0;
  log.querySelectorAll('.message').forEach((m) => m.remove());
  welcome.hidden = false;
  input.focus();
});

setStreaming(null);
