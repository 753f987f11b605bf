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
    // One outlet field per file, in the order of the files: the form sends them as file_source.
    var list = byId("file-list");
    var before = {};
    list.querySelectorAll("input[name=file_source]").forEach(function (field) {
      before[field.dataset.file] = field.value;
    });
    list.replaceChildren();
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      var name = document.createElement("bdi");
      name.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " كيلوبايت)";
      var label = document.createElement("label");
      label.textContent = "المنفذ ";
      var outlet = document.createElement("input");
      outlet.type = "text";
      outlet.name = "file_source";
      outlet.placeholder = "كما في الملف";
      outlet.autocomplete = "off";
      outlet.dataset.file = file.name;
      outlet.value = before[file.name] || "";
      label.appendChild(outlet);
      item.append(name, label);
      list.appendChild(item);
    });
  }

  function tooLarge(form) {
    // The server refuses a larger request anyway: say so before sending it.
    var limit = Number(form.dataset.maxRequest || 0);
    var total = 0;
    Array.prototype.forEach.call(byId("files").files, function (file) { total += file.size; });
    form.querySelectorAll("textarea").forEach(function (field) { total += new Blob([field.value]).size; });
    return limit > 0 && total > limit;
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

  function elapsed(started) {
    return Math.round((Date.now() - started) / 1000) + " ث";
  }

  function stageText(job, started) {
    // The line moves even in a long stage: the seconds go on, and the counts when the stage has them.
    var counts = job.total > 1 ? ": " + job.done + " من " + job.total : "";
    return job.stage_ar + counts + " · " + elapsed(job.created ? job.created * 1000 : started);
  }

  function poll(url, form, started) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.onload = function () {
      if (xhr.status !== 200) { fail(form, errorText(xhr)); return; }
      var job = JSON.parse(xhr.responseText);
      if (job.state === "done") { window.location.assign(job.page_url); return; }
      if (job.state === "failed") { fail(form, job.error || "تعذّر التلخيص"); return; }
      show(byId("progress-text"), stageText(job, started));
      progressOf(job.done, job.total > 1 ? job.total : 0);
      window.setTimeout(function () { poll(url, form, started); }, POLL_MS);
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
    if (tooLarge(form)) { fail(form, form.dataset.limitText); return; }
    form.querySelector("button[type=submit]").disabled = true;
    byId("progress").hidden = false;
    var started = Date.now();
    show(byId("progress-text"), "رفع المقالات");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/jobs/upload");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        progressOf(e.loaded, e.total);
        show(byId("progress-text"), "رفع المقالات: " + Math.round(100 * e.loaded / e.total) + "٪ · " + elapsed(started));
      }
    };
    xhr.onload = function () {
      if (xhr.status !== 202) { fail(form, errorText(xhr)); return; }
      poll(JSON.parse(xhr.responseText).status_url, form, started);
    };
    xhr.onerror = function () { fail(form, "انقطع الاتصال بالخادم"); };
    xhr.send(new FormData(form));
  }

  function setupJobPage(section, started) {
    // The progress page of a job (a story, or reached without this script's form): poll instead of waiting
    // for a refresh, and move its line.
    var xhr = new XMLHttpRequest();
    xhr.open("GET", section.dataset.status);
    xhr.onload = function () {
      if (xhr.status !== 200) { return; }
      var job = JSON.parse(xhr.responseText);
      if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
      var line = section.querySelector("[role=status]");
      var bar = section.querySelector("progress");
      if (line) { line.textContent = stageText(job, started); }
      if (bar) { if (job.total > 1) { bar.max = job.total; bar.value = job.done; } else { bar.removeAttribute("value"); } }
      window.setTimeout(function () { setupJobPage(section, started); }, POLL_MS);
    };
    xhr.send();
  }

  // The stories page: what changes in the store while it is open comes in without a reload, by polling
  // GET /api/stories?since=SEQ (the change log's sequence number the page was made at).
  var STORIES_POLL_MS = 15000;

  function storyItem(story) {
    var item = document.createElement("li");
    item.dataset.story = story.id;
    item.className = "changed";
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = story.action === "created" ? "جديدة" : "تحدّثت";
    var link = document.createElement("a");
    link.href = story.url;
    link.textContent = story.title;
    var meta = document.createElement("div");
    meta.className = "meta";
    meta.append(story.size_ar + " · ");
    story.outlets.forEach(function (outlet) {
      var source = document.createElement("span");
      source.className = "src";
      var isolated = document.createElement("bdi");
      isolated.textContent = outlet;
      source.appendChild(isolated);
      meta.appendChild(source);
    });
    if (story.start) { meta.append(" · " + story.start + (story.end && story.end !== story.start ? " – " + story.end : "")); }
    else { meta.append(" · بلا تاريخ"); }
    if (story.storyline_url) {  // as the page lists it: the link to the storyline the story belongs to
      var line = document.createElement("a");
      line.className = "storyline-link";
      line.href = story.storyline_url;
      line.textContent = "القصة المتواصلة";
      meta.append(" · ", line);
    }
    item.append(badge, " ", link, meta);
    return item;
  }

  function applyChanges(list, answer) {
    var total = byId("story-total");
    Object.keys(answer.merged).forEach(function (gone) {
      var old = list.querySelector('li[data-story="' + CSS.escape(gone) + '"]');
      if (old) { old.remove(); }
      if (total) { total.textContent = String(Math.max(Number(total.textContent) - 1, 0)); }
    });
    answer.changed.slice().reverse().forEach(function (story) {
      var old = list.querySelector('li[data-story="' + CSS.escape(story.id) + '"]');
      if (old) { old.remove(); } else if (total && story.action === "created") {
        total.textContent = String(Number(total.textContent) + 1);
      }
      var empty = list.querySelector("li.empty");
      if (empty) { empty.remove(); }
      list.insertBefore(storyItem(story), list.firstChild);
    });
  }

  function pollStories(list) {
    var every = Number(list.dataset.pollMs || STORIES_POLL_MS);
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/stories?since=" + encodeURIComponent(list.dataset.lastChange));
    xhr.onload = function () {
      if (xhr.status === 200) {
        var answer = JSON.parse(xhr.responseText);
        if (answer.more) { window.location.reload(); return; }
        applyChanges(list, answer);
        list.dataset.lastChange = String(answer.last_change);
      }
      window.setTimeout(function () { pollStories(list); }, every);
    };
    xhr.onerror = function () { window.setTimeout(function () { pollStories(list); }, every); };
    xhr.send();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var stories = byId("story-list");
    if (stories && stories.dataset.live === "yes") {
      window.setTimeout(function () { pollStories(stories); }, Number(stories.dataset.pollMs || STORIES_POLL_MS));
    }
    var form = byId("summarize");
    if (form) {
      var add = byId("add-article");
      add.hidden = false;
      add.addEventListener("click", addSlot);
      setupDrop(byId("drop"), byId("files"));
      form.addEventListener("submit", submit);
    }
    var job = byId("job");
    if (job) {
      setupJobPage(job, Date.now());
    }
  });
})();
