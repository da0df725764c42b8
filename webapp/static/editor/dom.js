/* Small helpers shared by the editor's modules: elements built with their text as textContent (never
 * HTML), JSON fetched with the server's error message kept (shortened), a debounce, number formats.
 */

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

export function fetchJson(url, options) {
  return fetch(url, options).then(function (response) {
    return response.text().then(function (body) {
      var data = null;
      try {
        data = body ? JSON.parse(body) : null;
      } catch (error) {
        data = null;
      }
      if (!response.ok) {
        var type = response.headers.get("Content-Type") || "";
        var message = data && data.error ? data.error
          : (type.indexOf("text/plain") === 0 && body ? body : response.statusText);
        throw new Error("HTTP " + response.status + ": " + shorten(String(message).trim(), 500));
      }
      return data;
    });
  });
}

export function debounce(fn, ms) {
  var timer = null;
  return function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fn, ms);
  };
}

export function seconds(ms) {
  return (ms / 1000).toFixed(2);
}

export function shorten(text, max) {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}
