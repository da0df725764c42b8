/* Small page helpers shared by the map's modules: elements built with their text as textContent
 * (never HTML), JSON fetched with the server's error message kept, and a debounce.
 */

export function byId(id) {
  return document.getElementById(id);
}

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

export function fetchJson(url) {
  return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
    return response.text().then(function (body) {
      var data = null;
      try {
        data = body ? JSON.parse(body) : null;
      } catch (error) {
        data = null;
      }
      if (!response.ok) {
        throw new Error((data && data.error) || ("HTTP " + response.status));
      }
      return data;
    });
  });
}

export function debounce(fn, ms) {
  var timer = null;
  return function () {
    var args = arguments;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { fn.apply(null, args); }, ms);
  };
}
