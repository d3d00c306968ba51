// The console's one script (no inline script anywhere: see the CSP in ConsoleSecurity).
(function () {
  'use strict';
  // htmx requests carry the session's CSRF token, as every form does
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // the navigation marks the page the person is on
  function markCurrent() {
    var path = window.location.pathname;
    document.querySelectorAll('header nav a').forEach(function (link) {
      var target = new URL(link.href).pathname;
      var current = target === path || (target !== '/console/officer' && target !== '/console/firm' && path.indexOf(target + '/') === 0);
      if (current) {
        link.setAttribute('aria-current', 'page');
      }
    });
  }
  // charts: <canvas data-chart='{"type":"bar","data":{…},"options":{…}}'> drawn with Chart.js from its webjar
  function drawCharts(root) {
    if (typeof Chart === 'undefined') {
      return;
    }
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      var config = JSON.parse(canvas.dataset.chart);
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      new Chart(canvas, config);
      canvas.dataset.drawn = 'true';
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    markCurrent();
    drawCharts(document);
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    drawCharts(event.target);
  });
})();
