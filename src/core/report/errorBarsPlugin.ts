/**
 * The Chart.js plugin that draws `dataset.errorBars` (see charts.ts), as JavaScript SOURCE: the
 * self-contained report inlines it next to chart.umd.js, and a webview can inline it the same way (or
 * evaluate it once) — one implementation, no build step. It also keeps band datasets out of the legend.
 */
export const ERROR_BARS_PLUGIN_JS = String.raw`
(function () {
  // The baseline of a grouped bar chart: a dashed horizontal line across each group at its mean,
  // over a light band for its 95% CI, so every bar is read against it.
  function drawGroupLine(chart, ds, meta) {
    var ctx = chart.ctx, x = chart.scales.x, y = chart.scales.y;
    var n = (chart.data.labels || []).length || 1;
    var half = (x.width / n) * 0.46;
    ctx.save();
    ds.data.forEach(function (v, j) {
      var el = meta.data[j];
      if (v === null || v === undefined || !el) return;
      var bar = ds.errorBars && ds.errorBars[j];
      if (bar) {
        ctx.fillStyle = "rgba(0, 0, 0, 0.10)";
        var top = y.getPixelForValue(bar[1]), bottom = y.getPixelForValue(bar[0]);
        ctx.fillRect(el.x - half, top, 2 * half, bottom - top);
      }
      ctx.strokeStyle = ds.borderColor || "#000";
      ctx.lineWidth = 2;
      ctx.setLineDash(ds.borderDash || [6, 4]);
      ctx.beginPath();
      var py = y.getPixelForValue(v);
      ctx.moveTo(el.x - half, py); ctx.lineTo(el.x + half, py);
      ctx.stroke();
    });
    ctx.restore();
  }
  var plugin = {
    id: "syllabusErrorBars",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        if (!chart.isDatasetVisible(i)) return;
        var meta = chart.getDatasetMeta(i);
        if (ds.role === "baseline" && ds.groupLine) return drawGroupLine(chart, ds, meta);
        if (!ds.errorBars) return;
        ctx.save();
        ctx.strokeStyle = ds.borderColor || "#333";
        ctx.lineWidth = 1.5;
        ds.errorBars.forEach(function (bar, j) {
          var el = meta.data[j];
          if (!bar || !el) return;
          var x = el.x, lo = y.getPixelForValue(bar[0]), hi = y.getPixelForValue(bar[1]);
          var cap = Math.max(3, Math.min(8, (el.width || 10) / 4));
          ctx.beginPath();
          ctx.moveTo(x, lo); ctx.lineTo(x, hi);
          ctx.moveTo(x - cap, lo); ctx.lineTo(x + cap, lo);
          ctx.moveTo(x - cap, hi); ctx.lineTo(x + cap, hi);
          ctx.stroke();
        });
        ctx.restore();
      });
    },
    afterDataLimits: function (chart, args) {
      // Widen the value axis so no error bar is clipped.
      if (args.scale.axis !== "y") return;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.errorBars || !chart.isDatasetVisible(i)) return;
        ds.errorBars.forEach(function (bar) {
          if (!bar) return;
          if (bar[0] < args.scale.min) args.scale.min = bar[0];
          if (bar[1] > args.scale.max) args.scale.max = bar[1];
        });
      });
    }
  };
  Chart.register(plugin);
  // Band datasets (the ± sd area of learning curves) stay out of the legend. Set on the defaults,
  // not in a hook: Chart.js resolves options through proxies that must not be mutated at init.
  Chart.defaults.plugins.legend.labels.filter = function (item, data) {
    var role = data.datasets[item.datasetIndex].role;
    return role !== "band-upper" && role !== "band-lower";
  };
})();
`;
