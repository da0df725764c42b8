/* One measure's chart: a bar per figure (its subject, breakdown and year on the axis), coloured by
 * the document that gives it, so that differing sources stand side by side; each bar's title holds
 * the value, the source and its quote (as text). Drawn with Observable Plot (served by this app).
 */

function barLabel(figure) {
  return [figure.subject_label, figure.category_label, figure.period].filter(Boolean).join(" · ");
}

function title(figure) {
  const value = [figure.qualifier_label, figure.value_text, figure.unit_label].filter(Boolean).join(" ");
  return `${barLabel(figure)}\n${value}\n${figure.source_label}${figure.quote ? `: “${figure.quote}”` : ""}`;
}

export function rows(measure) {
  // a bar per figure, keyed by the observation: two figures never stack into one bar
  return measure.comparisons.flatMap((comparison) => comparison.figures.map((figure) => ({
    ...figure, key: figure.iri, label: `${barLabel(figure)} [${figure.source_label}]`, title: title(figure),
  })));
}

export function drawChart(Plot, measure) {
  const data = rows(measure);
  return Plot.plot({
    marginLeft: 12, width: 760, height: Math.max(80, 28 * data.length + 40),
    x: { grid: true, label: data[0] ? data[0].unit_label : null },
    y: { label: null, axis: null, domain: data.map((row) => row.key) },
    color: { legend: true, type: "categorical" },
    marks: [
      Plot.barX(data, { x: "value", y: "key", fill: "source_label", title: "title" }),
      Plot.text(data, { x: 0, y: "key", text: "label", textAnchor: "start", dx: 4, fill: "black",
                        stroke: "white", strokeWidth: 3, paintOrder: "stroke" }),
      Plot.ruleX([0]),
    ],
  });
}
