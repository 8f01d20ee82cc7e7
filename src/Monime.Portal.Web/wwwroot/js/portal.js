// Behaviour shared by every page. Loaded as a file: the Content-Security-Policy forbids inline script.
(function () {
  'use strict';

  // Any element with data-copy="text" copies that text; data-copy-target="#id" copies an element's text.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy], [data-copy-target]');
    if (!button) {
      return;
    }
    var text = button.dataset.copy;
    if (button.dataset.copyTarget) {
      var target = document.querySelector(button.dataset.copyTarget);
      text = target ? (target.value || target.textContent) : '';
    }
    navigator.clipboard.writeText(text.trim()).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      button.setAttribute('aria-live', 'polite');
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // Forms marked data-confirm="question" ask before they submit (revoke, rotate).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
