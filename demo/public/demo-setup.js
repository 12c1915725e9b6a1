// Demo only: `?backend=memory` runs the widget on the built-in demo store instead of the reference
// server. It uses Kefu's documented command queue, so it works before the loader has arrived; the
// page's script tag keeps its data-api-base="/v1", and `init` with `apiBase: undefined` overrides it.
// `?locale=zh-CN` (or any BCP 47 tag) sets the language the same way.
//
// A file, not an inline script: the demo runs under a strict Content-Security-Policy.
(function () {
  window.Kefu =
    window.Kefu ||
    function () {
      (window.Kefu.q = window.Kefu.q || []).push(arguments);
    };
  var params = new URLSearchParams(location.search);
  if (params.get('backend') === 'memory') window.Kefu('init', { apiBase: undefined });
  if (params.get('locale')) window.Kefu('init', { locale: params.get('locale') });

  // The choice follows the shopper from page to page: internal links keep ?backend and ?locale.
  var kept = ['backend', 'locale'].filter(function (name) {
    return params.has(name);
  });
  function keepParams() {
    if (!kept.length) return;
    document.querySelectorAll('a[href^="/"]').forEach(function (link) {
      var url = new URL(link.getAttribute('href'), location.origin);
      kept.forEach(function (name) {
        if (!url.searchParams.has(name)) url.searchParams.set(name, params.get(name));
      });
      link.setAttribute('href', url.pathname + url.search + url.hash);
    });
  }

  // The store's own buttons open Kefu on a view: <button data-kefu-open="chat">.
  document.addEventListener('click', function (event) {
    var trigger = event.target instanceof Element ? event.target.closest('[data-kefu-open]') : null;
    if (!trigger) return;
    event.preventDefault();
    window.Kefu('open', trigger.getAttribute('data-kefu-open'));
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', keepParams, { once: true });
  else keepParams();
})();
