// The create dialog's enhancements. The form works without them; they mirror the server's rules so that
// a choice the server would refuse cannot be made in the first place. Loaded as a file: the CSP forbids inline.
(function () {
  'use strict';

  var form = document.getElementById('create-token-form');
  if (!form) {
    return;
  }

  var testMode = form.querySelector('[data-test-mode]');
  var expiry = form.querySelector('[data-expiry]');
  var customDate = form.querySelector('[data-custom-date]');
  var reauth = form.querySelector('[data-reauth]');
  var liveSection = form.querySelector('[data-live-only]');
  var pills = form.querySelector('[data-pills]');
  var chosenExpiry = expiry.value;

  function liveFields() {
    return form.querySelectorAll('[data-live-field]');
  }

  // Test tokens: expiry pinned at 2 months, whitelists unavailable (disabled fields are not submitted).
  function applyMode() {
    var test = testMode.checked;
    if (test) {
      if (expiry.value !== 'TwoMonths') {
        chosenExpiry = expiry.value;
      }
      expiry.value = 'TwoMonths';
    } else {
      expiry.value = chosenExpiry;
    }
    expiry.disabled = test;
    liveFields().forEach(function (field) { field.disabled = test; });
    liveSection.classList.toggle('is-disabled', test);
    liveSection.setAttribute('aria-disabled', test ? 'true' : 'false');
    applyExpiry();
  }

  function applyExpiry() {
    customDate.hidden = testMode.checked || expiry.value !== 'Custom';
    reauth.hidden = testMode.checked || expiry.value !== 'None';
  }

  // Selected services filter the permissions; a permission of a service no longer chosen is dropped.
  function applyServices() {
    var chosen = Array.prototype.filter.call(form.querySelectorAll('[data-service]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    form.querySelectorAll('[data-permission-group]').forEach(function (group) {
      var visible = chosen.length === 0 || chosen.indexOf(group.dataset.permissionGroup) >= 0;
      group.hidden = !visible;
      if (!visible) {
        group.querySelectorAll('[data-permission]').forEach(function (box) { box.checked = false; });
      }
    });
    renderPills();
  }

  function renderPills() {
    pills.hidden = false;
    pills.textContent = '';
    var checked = form.querySelectorAll('[data-permission]:checked');
    if (checked.length === 0) {
      var empty = document.createElement('span');
      empty.className = 'pill-empty muted';
      empty.textContent = 'No permission selected yet.';
      pills.appendChild(empty);
      return;
    }
    checked.forEach(function (box) {
      var pill = document.createElement('span');
      pill.className = 'pill pill-removable';
      pill.textContent = box.value;
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'pill-remove';
      remove.setAttribute('aria-label', 'Remove ' + box.value);
      remove.textContent = '\u00d7';
      remove.addEventListener('click', function () {
        box.checked = false;
        renderPills();
        box.focus();
      });
      pill.appendChild(remove);
      pills.appendChild(pill);
    });
  }

  // The Space select becomes a combobox that searches by name or ID (ARIA 1.2 combobox with a listbox popup).
  function enhanceSpaces() {
    var wrapper = form.querySelector('[data-space-combobox]');
    var select = wrapper.querySelector('select');
    var label = wrapper.querySelector('label');
    var input = document.createElement('input');
    var list = document.createElement('ul');
    var active = -1;

    input.type = 'text';
    input.id = 'space-combobox';
    input.className = 'combobox-input';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', 'space-listbox');
    input.setAttribute('aria-describedby', select.getAttribute('aria-describedby') || '');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('data-live-field', '');
    input.placeholder = 'Search Spaces by name or ID';
    list.id = 'space-listbox';
    list.className = 'combobox-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Spaces');
    list.hidden = true;

    label.htmlFor = input.id;
    select.hidden = true;
    select.removeAttribute('data-live-field');
    select.tabIndex = -1;
    select.setAttribute('aria-hidden', 'true');
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(list, select.nextSibling);

    function currentText() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.textContent : '';
    }

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
    }

    function open(filter) {
      var term = (filter || '').trim().toLowerCase();
      list.textContent = '';
      Array.prototype.forEach.call(select.options, function (option, index) {
        var text = option.textContent;
        if (term && text.toLowerCase().indexOf(term) < 0 && option.value.toLowerCase().indexOf(term) < 0) {
          return;
        }
        var item = document.createElement('li');
        item.id = 'space-option-' + index;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', option.selected ? 'true' : 'false');
        item.dataset.index = String(index);
        item.textContent = text;
        item.addEventListener('mousedown', function (event) { event.preventDefault(); });
        item.addEventListener('click', function () { choose(index); });
        list.appendChild(item);
      });
      if (options().length === 0) {
        var none = document.createElement('li');
        none.className = 'combobox-empty';
        none.textContent = 'No Space matches';
        list.appendChild(none);
      }
      active = -1;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      input.removeAttribute('aria-activedescendant');
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function choose(index) {
      select.selectedIndex = index;
      input.value = currentText();
      close();
    }

    function move(step) {
      var items = options();
      if (items.length === 0) {
        return;
      }
      active = (active + step + items.length) % items.length;
      items.forEach(function (item, i) { item.classList.toggle('is-active', i === active); });
      input.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({ block: 'nearest' });
    }

    input.value = currentText();
    input.addEventListener('input', function () { open(input.value); });
    input.addEventListener('focus', function () { open(''); });
    input.addEventListener('blur', function () {
      // Text that names no Space restores the current choice; an emptied field means "every Space".
      if (input.value.trim() === '') {
        select.selectedIndex = 0;
      }
      input.value = currentText();
      close();
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        if (list.hidden) { open(input.value); }
        move(1);
        event.preventDefault();
      } else if (event.key === 'ArrowUp') {
        move(-1);
        event.preventDefault();
      } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
        choose(Number(options()[active].dataset.index));
        event.preventDefault();
      } else if (event.key === 'Escape') {
        input.value = currentText();
        close();
      }
    });
  }

  enhanceSpaces();
  testMode.addEventListener('change', applyMode);
  expiry.addEventListener('change', function () {
    chosenExpiry = expiry.value;
    applyExpiry();
  });
  form.querySelectorAll('[data-service]').forEach(function (box) { box.addEventListener('change', applyServices); });
  form.querySelectorAll('[data-permission]').forEach(function (box) { box.addEventListener('change', renderPills); });
  applyMode();
  applyServices();
})();
