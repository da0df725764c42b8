/* Actions on entities and clusters: select one (drawn: centre it; not drawn: expand it into the view;
 * either way it is in the URL as `select`), show or hide a node's neighbours, open a cluster. They
 * change the view's parameters, so the URL.
 */

import { showNode } from "./panel.js";
import { app, state } from "./state.js";
import { change } from "./view.js";

export function focusNode(id, takeFocus) {
  if (!state.network || !state.nodes.get(id)) {
    return;
  }
  state.network.selectNodes([id]);
  state.refitWhenStable = false;  // centred on the chosen node: the view stays there
  state.network.focus(id, { scale: Math.max(1.1, state.network.getScale()), animation: { duration: 350 } });
  showNode(id, takeFocus);
}

export function selectEntity(id, takeFocus) {
  var drawn = !!state.nodes.get(id);
  return change(function (p) {
    p.select = id;
    if (!drawn && p.expand.indexOf(id) < 0) {
      p.expand.push(id);  // not drawn (filtered out or in a cluster): shown with its neighbours
    }
  }).then(function () {
    whenReady(function () { focusNode(id, takeFocus); });
  });
}

export function whenReady(fn) {
  if (app.dataset.state === "ready") {
    fn();
    return;
  }
  var observer = new MutationObserver(function () {
    if (app.dataset.state === "ready") {
      observer.disconnect();
      fn();
    }
  });
  observer.observe(app, { attributes: true, attributeFilter: ["data-state"] });
}

export function toggleExpand(id) {
  return change(function (p) {
    if (p.expand.indexOf(id) >= 0) {
      p.expand = p.expand.filter(function (item) { return item !== id; });
    } else {
      p.expand.push(id);
    }
  }).then(function () {
    whenReady(function () { if (state.nodes.get(id)) { showNode(id); } });
  });
}

export function openCluster(item) {
  if (!item.openable) {
    return null;
  }
  return change(function (p) {
    if (p.open.indexOf(item.key) < 0) {
      p.open.push(item.key);
    }
  });
}
