// Turns the chat route's errors (CONTRACT §1: a status, an {error: {type, code, message}} body,
// maybe Retry-After) into sentences for the person using the page. Never shows raw JSON.

// Statuses for errors that arrive as an `error` event, which carries no HTTP status of its own.
const STATUS_BY_TYPE = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  rate_limit_error: 429,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
};

export function statusOf(error) {
  return STATUS_BY_TYPE[error && error.type] || 500;
}

// "in 1 second", "in 20 seconds", "in 3 minutes", "in 2 hours"; "" when unknown.
export function inTime(seconds) {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return '';
  }
  const plural = (n, unit) => `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 90) {
    return plural(Math.ceil(seconds), 'second');
  }
  if (seconds < 90 * 60) {
    return plural(Math.ceil(seconds / 60), 'minute');
  }
  return plural(Math.ceil(seconds / 3600), 'hour');
}

// Retry-After in whole seconds, or an HTTP date; NaN when absent or unreadable.
export function retryAfterSeconds(header) {
  if (!header) {
    return NaN;
  }
  if (/^\s*\d+\s*$/.test(header)) {
    return Number(header);
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? NaN : Math.max(1, Math.round((date - Date.now()) / 1000));
}

// The sentence for a refused or failed call. `error` is the body's error object (may be empty).
export function describe(status, error, retryAfter) {
  const e = error || {};
  const message = typeof e.message === 'string' ? e.message.trim() : '';
  const when = inTime(retryAfter);
  const again = when ? `Try again ${when}.` : 'Please try again in a moment.';
  switch (status) {
    case 400:
      if (e.code === 'context_length_exceeded') {
        return `${message || 'This conversation is too long to send.'} Start a new chat or send a shorter message.`;
      }
      return message || 'The server could not accept this message.';
    case 401:
      return 'You need to sign in to use the chat. Sign in, then try again.';
    case 403:
      return 'You do not have permission to do this. If your session ended, reload the page and sign in again.';
    case 405:
    case 415:
      return 'This page and the server disagree about how to talk to each other. Reload the page and try again.';
    case 413:
      return 'This conversation is too long to send. Start a new chat or send a shorter message.';
    case 429:
      if (e.code === 'concurrent_streams') {
        return `You already have answers in progress (perhaps in another tab). ${when ? `Try again ${when}.` : 'Wait for them to finish, then try again.'}`;
      }
      if (e.code === 'tokens_per_day' || e.code === 'budget_exceeded') {
        return `You have used up your chat allowance for now. ${when ? `Try again ${when}.` : 'Try again later.'}`;
      }
      return `You are sending messages too quickly. ${when ? `Try again ${when}.` : 'Wait a little, then try again.'}`;
    case 502:
    case 503:
      return `The AI service is unavailable right now, please try again${when ? ` ${when}` : ''}.`;
    case 504:
      return 'The AI service is too slow right now, please try again.';
    default:
      return status >= 500
        ? `Something went wrong on the server. ${again}`
        : `The server refused this message (status ${status}). ${again}`;
  }
}

export const NETWORK_FAILURE = 'Could not reach the server. Check your connection and try again.';
export const CUT_OFF = 'The answer was cut off before it finished. Please try again.';
export const UNREADABLE = 'The server sent an answer this page could not read. Please try again.';
