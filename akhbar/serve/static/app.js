// The page's only script (a file: the Content-Security-Policy forbids inline script). Without it the form
// still works: it posts to /summarize and the result comes back as a page. With it, the articles go to a
// background job, the page shows the upload and the job's progress, then opens the result.
"use strict";

(function () {
  var POLL_MS = 500;

  function byId(id) { return document.getElementById(id); }

  function show(element, text) {
    element.textContent = text;  // never innerHTML: messages may quote article text
    element.hidden = !text;
  }

  function addSlot() {
    var slots = byId("articles");
    var last = slots.lastElementChild;
    var copy = last.cloneNode(true);
    copy.querySelectorAll("input, textarea").forEach(function (field) { field.value = ""; });
    copy.querySelector("legend").textContent = "مقال " + (slots.children.length + 1);
    slots.appendChild(copy);
    copy.querySelector("textarea").focus();
  }

  function listFiles(input) {
    var list = byId("file-list");
    list.replaceChildren();
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
      list.appendChild(item);
    });
  }

  function setupDrop(zone, input) {
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var all = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { all.items.add(file); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { all.items.add(file); });
      input.files = all.files;
      listFiles(input);
    });
    input.addEventListener("change", function () { listFiles(input); });
  }

  function progressOf(done, total) {
    var bar = byId("progress-bar");
    if (total > 0) { bar.max = total; bar.value = done; } else { bar.removeAttribute("value"); }
  }

  function errorText(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      return body.detail || ("HTTP " + xhr.status);
    } catch (e) {
      return "HTTP " + xhr.status + ": " + (xhr.statusText || "خطأ في الاتصال");
    }
  }

  function poll(url, form) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.onload = function () {
      if (xhr.status !== 200) { fail(form, errorText(xhr)); return; }
      var job = JSON.parse(xhr.responseText);
      if (job.state === "done") { window.location.assign(job.page_url); return; }
      if (job.state === "failed") { fail(form, job.error || "تعذّر التلخيص"); return; }
      show(byId("progress-text"), job.stage_ar + (job.total ? ": " + job.done + " من " + job.total : ""));
      progressOf(job.done, job.total);
      window.setTimeout(function () { poll(url, form); }, POLL_MS);
    };
    xhr.onerror = function () { fail(form, "انقطع الاتصال بالخادم"); };
    xhr.send();
  }

  function fail(form, message) {
    byId("progress").hidden = true;
    form.querySelector("button[type=submit]").disabled = false;
    show(byId("form-error"), message);
  }

  function submit(event) {
    var form = event.target;
    event.preventDefault();
    show(byId("form-error"), "");
    form.querySelector("button[type=submit]").disabled = true;
    byId("progress").hidden = false;
    show(byId("progress-text"), "رفع المقالات");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/jobs/upload");
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { progressOf(e.loaded, e.total); } };
    xhr.onload = function () {
      if (xhr.status !== 202) { fail(form, errorText(xhr)); return; }
      poll(JSON.parse(xhr.responseText).status_url, form);
    };
    xhr.onerror = function () { fail(form, "انقطع الاتصال بالخادم"); };
    xhr.send(new FormData(form));
  }

  function setupJobPage(section) {
    // The progress page of a job (reached without this script's form): poll instead of waiting for a refresh.
    var xhr = new XMLHttpRequest();
    xhr.open("GET", section.dataset.status);
    xhr.onload = function () {
      if (xhr.status !== 200) { return; }
      var job = JSON.parse(xhr.responseText);
      if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
      window.setTimeout(function () { setupJobPage(section); }, POLL_MS);
    };
    xhr.send();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = byId("summarize");
    if (form) {
      var add = byId("add-article");
      add.hidden = false;
      add.addEventListener("click", addSlot);
      setupDrop(byId("drop"), byId("files"));
      form.addEventListener("submit", submit);
    }
    var job = byId("job");
    if (job) { setupJobPage(job); }
  });
})();
