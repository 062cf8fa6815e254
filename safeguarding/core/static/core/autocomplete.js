// Progressive enhancement of people and organisation choices: every <select data-autocomplete>
// becomes GOV.UK's accessible autocomplete (type part of a name, pick it). Without this file,
// or without JavaScript, the select works as it is.
(function () {
  'use strict'
  function enhance () {
    if (!window.accessibleAutocomplete) return
    var selects = document.querySelectorAll('select[data-autocomplete]:not([multiple])')
    Array.prototype.forEach.call(selects, function (select) {
      window.accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        defaultValue: '',
        showAllValues: true,
        autoselect: false,
        preserveNullOptions: true,
        dropdownArrow: function () { return '' }
      })
    })
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', enhance)
  } else {
    enhance()
  }
})()
