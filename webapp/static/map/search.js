/* The autocomplete under the search box and the path ends: suggestions from the search API, limited to
 * kinds the map knows, chosen with the mouse or the keyboard as the WAI-ARIA combobox pattern has it:
 * nothing is chosen until the user moves (ArrowDown then Enter picks the first), Escape closes. The
 * list is placed over the page (fixed), so the side bar's edge does not cut it.
 */

import { selectEntity } from "./actions.js";
import { byId, clear, debounce, el, fetchJson } from "./dom.js";
import { D, idOf, state } from "./state.js";
import { kindName } from "./texts.js";

export function autocomplete(input, list, onChoose) {
  var hits = [];
  var active = -1;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark() {
    Array.prototype.forEach.call(list.children, function (item, index) {
      item.setAttribute("aria-selected", index === active ? "true" : "false");
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", list.id + "-" + active);
      list.children[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function place() {
    var box = input.getBoundingClientRect();
    list.style.left = Math.max(4, Math.min(box.left, window.innerWidth - 344)) + "px";
    list.style.top = box.bottom + 2 + "px";
    list.style.width = Math.min(window.innerWidth - 8, Math.max(box.width, 340)) + "px";
    list.style.maxHeight = Math.max(120, window.innerHeight - box.bottom - 12) + "px";
  }

  function choose(hit) {
    input.value = hit.label;
    close();
    onChoose(idOf(hit.iri), hit.label);
  }

  var run = debounce(function (text) {
    if (!text.trim()) {
      close();
      return;
    }
    var query = new URLSearchParams({ q: text, lang: state.params.lang, limit: "12" });
    fetchJson(D.searchApi + "?" + query.toString()).then(function (answer) {
      if (input.value !== text) {
        return;
      }
      hits = answer.hits.filter(function (hit) { return !state.options || state.kinds[hit.kind]; });
      clear(list);
      hits.forEach(function (hit, index) {
        var item = el("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.dataset.id = idOf(hit.iri);
        item.appendChild(el("span", "hit-label", hit.label));
        item.appendChild(el("span", "hit-kind", kindName(hit.kind, "") || hit.kindLabel));
        if (hit.matched && hit.matched !== hit.label) {
          item.appendChild(el("span", "hit-matched", "(" + hit.matched + ")"));
        }
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(hit);
        });
        list.appendChild(item);
      });
      active = -1;  // nothing chosen until the user moves
      mark();
      place();
      list.hidden = !hits.length;
      input.setAttribute("aria-expanded", hits.length ? "true" : "false");
    }).catch(function () { close(); });
  }, 120);

  input.addEventListener("input", function () { run(input.value); });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (active < 0) {
        active = event.key === "ArrowDown" ? 0 : hits.length - 1;
      } else {
        active = (active + (event.key === "ArrowDown" ? 1 : -1) + hits.length) % hits.length;
      }
      mark();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(hits[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  window.addEventListener("resize", close);
  var scroller = input.closest(".map-controls");
  if (scroller) {
    scroller.addEventListener("scroll", function () { if (!list.hidden) { place(); } });
  }
}

export function bindSearch() {
  // chosen: the entity is selected (in the URL) and its details take the keyboard focus
  autocomplete(byId("map-search"), byId("map-search-list"), function (id) { selectEntity(id, true); });
}
