/* A chart saved as the person sees it: SVG as drawn, or PNG painted from that SVG on a canvas. */

const SVG_NS = "http://www.w3.org/2000/svg";

function save(blob, filename) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export function svgOf(container) {
  const svg = container.querySelector("svg[class^='plot']") || container.querySelector("svg");
  const copy = svg.cloneNode(true);
  copy.setAttribute("xmlns", SVG_NS);
  return new XMLSerializer().serializeToString(copy);
}

export function saveSvg(container, stem) {
  save(new Blob([svgOf(container)], { type: "image/svg+xml" }), `${stem}.svg`);
}

export function savePng(container, stem) {
  const svg = container.querySelector("svg[class^='plot']") || container.querySelector("svg");
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgOf(container)], { type: "image/svg+xml" }));
  image.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const context = canvas.getContext("2d");
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => save(blob, `${stem}.png`), "image/png");
  };
  image.src = url;
}
