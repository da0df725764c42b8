/* The page's words in its language, from the same gettext catalogues as the server's
 * (webapp/translations/): the server embeds the messages the modules use as JSON in each page
 * (#i18n-messages), keyed by their English text. t() looks a message up and fills its {placeholders};
 * it returns plain text, which callers put on the page with textContent only.
 *
 * The language switch in the page header is a link; as the map and the editor keep their state in
 * the URL, a click takes the address as it is now, so the page reopens as it was, in the other language.
 */

const data = document.getElementById("i18n-messages");
const MESSAGES = data ? JSON.parse(data.textContent) : {};

export const language = document.documentElement.lang === "nl" ? "nl" : "en";

export function t(message, values) {
  var text = Object.prototype.hasOwnProperty.call(MESSAGES, message) ? MESSAGES[message] : message;
  return text.replace(/\{(\w+)\}/g, function (_, name) {
    return values && name in values ? String(values[name]) : "";
  });
}

document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest(".lang-switch a[data-lang]") : null;
  if (link) {
    var url = new URL(window.location.href);
    url.searchParams.set("lang", link.dataset.lang);
    link.href = url.href;
  }
});
