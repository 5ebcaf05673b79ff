// Similar dilemmas while a dilemma is written: after a pause in typing the title or text,
// the form is posted to /write/similar and the list beside it is replaced. Without this
// script the same list appears on preview.
(function () {
  "use strict";
  var box = document.getElementById("similar");
  var list = document.getElementById("similar-list");
  var title = document.getElementById("title");
  var body = document.getElementById("body");
  if (!box || !list || !title || !body || !window.fetch) return;
  var form = title.form;
  var timer = null;
  var sent = "";
  function ask() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("action");
    var key = title.value + "\n" + body.value;
    if (key === sent || key.trim().length < 4) return;
    sent = key;
    fetch("/write/similar", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString()
    })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        list.innerHTML = html;
        box.hidden = html.trim() === "";
      })
      .catch(function () { /* suggestions are a help; the form works without them */ });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 600);
  }
  title.addEventListener("input", later);
  body.addEventListener("input", later);
})();
