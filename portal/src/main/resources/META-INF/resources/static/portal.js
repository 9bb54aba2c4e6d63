// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // The reader's time zone, so the server shows times in it.
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf('tz=' + encodeURIComponent(tz)) < 0) {
      document.cookie = 'tz=' + encodeURIComponent(tz) + '; path=/; max-age=31536000; samesite=lax';
    }
  } catch (e) { /* no Intl: UTC */ }

  // Copy buttons (hidden without script).
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = 'Copied';
      }, function () {
        field.select();
        button.textContent = 'Select and copy';
      });
    });
  });

  // CVSS editor: the vector built from the chosen metrics, and its score from the server as you pick.
  var ORDER = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'];
  document.querySelectorAll('[data-cvss-editor]').forEach(function (editor) {
    var out = editor.querySelector('[data-cvss-score]');
    var typed = editor.querySelector('input[name=vector], [data-cvss-vector]');
    function chosenVector() {
      var parts = ['CVSS:3.1'];
      for (var i = 0; i < ORDER.length; i++) {
        var checked = editor.querySelector('input[name="m-' + ORDER[i] + '"]:checked');
        if (!checked) { return null; }
        parts.push(ORDER[i] + ':' + checked.value);
      }
      return parts.join('/');
    }
    function update(fromMetrics) {
      var vector = typed && typed.value.trim() ? typed.value.trim() : chosenVector();
      if (fromMetrics && typed && typed.hasAttribute('data-cvss-vector')) {
        var built = chosenVector();
        if (built) { typed.value = built; vector = built; }
      }
      if (!vector) { out.textContent = 'Pick a value for every metric to see the score.'; return; }
      fetch('/cvss/score', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
        body: JSON.stringify({ vector: vector })
      }).then(function (r) { return r.json(); }).then(function (s) {
        out.textContent = s.valid ? 'Score ' + s.score + ' (' + s.severity.toLowerCase() + ') · ' + vector
          : 'This vector cannot be scored: check it.';
      }, function () { out.textContent = ''; });
    }
    // Only the metrics and the vector change the score: the text must not move the form's buttons while someone is
    // clicking one after editing another field (a click whose mouse-up lands elsewhere is lost).
    editor.addEventListener('change', function (e) {
      if (e.target && e.target.type === 'radio' && /^m-/.test(e.target.name)) { update(true); }
    });
    if (typed) { typed.addEventListener('input', function () { update(false); }); }
  });
})();
