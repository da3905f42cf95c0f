// Calls to the HTTP API (docs/serve.md): relative URLs, so the page works under any path prefix;
// the bearer token (when the server needs one) goes in a header, never in the query string.

const TOKEN_KEY = "polemos-token";

/** An API answer that was not 2xx: its status, the parameter it names and its message. */
export class ApiError extends Error {
  constructor(status, parameter, message) {
    super(parameter ? `${parameter}: ${message}` : message);
    this.status = status;
    this.parameter = parameter;
  }
}

/** The token from the URL fragment (#token=…, then taken out of the address bar) or this tab's storage. */
export function readToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = fragment.get("token");
  if (given) {
    sessionStorage.setItem(TOKEN_KEY, given);
    fragment.delete("token");
    const rest = fragment.toString();
    history.replaceState(history.state, "", location.pathname + location.search + (rest ? `#${rest}` : ""));
  }
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function saveToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** GET `path` with `params` (empty values left out); the JSON body, or an ApiError. */
export async function getJson(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  let response;
  try {
    response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (err) {
    throw new ApiError(0, null, `the server did not answer (${err.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // a proxy's HTML error page: reported below by its status alone
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.parameter || null,
      `${error.message || response.statusText || "request failed"} (HTTP ${response.status})`);
  }
  if (body === null) throw new ApiError(response.status, null, "the answer was not JSON");
  return body;
}
