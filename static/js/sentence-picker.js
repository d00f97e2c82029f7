'use strict';
// The citation form in the admin: once an article is chosen, its sentences are offered in a
// list, and choosing one fills the quote. Its place in the article is found on saving.
(function ($) {
  function words(text) { return text.trim().split(/\s+/).join(' '); }

  function pickerFor(quote) {
    let picker = quote.parentElement.querySelector('select.sentence-picker');
    if (!picker) {
      picker = document.createElement('select');
      picker.className = 'sentence-picker';
      picker.setAttribute('aria-label', 'Pick the sentence from the article');
      picker.addEventListener('change', function () {
        if (picker.value) { quote.value = picker.options[picker.selectedIndex].text; }
      });
      quote.parentElement.insertBefore(picker, quote);
    }
    return picker;
  }

  function offerSentences(sourceSelect) {
    const row = sourceSelect.closest('.inline-related');
    const quote = row && row.querySelector('textarea[data-sentences-url]');
    if (!quote || row.classList.contains('empty-form')) { return; }  // the template for new rows
    const picker = pickerFor(quote);
    if (!sourceSelect.value) { picker.hidden = true; return; }
    fetch(quote.dataset.sentencesUrl + encodeURIComponent(sourceSelect.value) + '/', {credentials: 'same-origin'})
      .then(function (response) { return response.ok ? response.json() : {sentences: []}; })
      .then(function (data) {
        const current = words(quote.value);
        let chosen = false;
        picker.replaceChildren(new Option('Pick the sentence from the article…', ''));
        data.sentences.forEach(function (sentence) {
          const option = new Option(sentence.text, String(sentence.start));
          // The sentence that holds the current quote is shown as chosen.
          option.selected = !chosen && current !== '' && words(sentence.text).includes(current);
          chosen = chosen || option.selected;
          picker.add(option);
        });
        picker.hidden = data.sentences.length === 0;
      });
  }

  $(document).on('change', 'select[name^="citations-"][name$="-source"]', function () { offerSentences(this); });
  $(function () {
    document.querySelectorAll('select[name^="citations-"][name$="-source"]').forEach(offerSentences);
  });
})(django.jQuery);
