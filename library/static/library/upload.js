/* Several images at once on the library's upload page: every file chosen with the "multiple" button or
 * dropped on the zone gets a form of its own (Django formset), with a preview, ready for its alt texts. */
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("image_upload_form");
    var zone = form && form.querySelector(".library-drop");
    if (!zone) return;
    var picker = document.getElementById("library-files");
    var total = form.querySelector("input[name=images-TOTAL_FORMS]");
    var list = form.querySelector(".library-forms");
    var template = document.getElementById("library-empty-form");
    zone.hidden = false;

    function emptyForm() {
      var forms = list.querySelectorAll(".library-upload-form");
      for (var i = 0; i < forms.length; i++) {
        var input = forms[i].querySelector("input[type=file]");
        if (!input.files.length && !forms[i].querySelector(".errorlist")) return forms[i];
      }
      var index = Number(total.value);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      list.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = list.lastElementChild;
      added.querySelector(".library-form-number").textContent = String(index + 1);
      return added;
    }

    function show(fieldset, file) {
      fieldset.querySelector(".library-file-name").textContent = "— " + file.name;
      var preview = fieldset.querySelector(".library-upload-preview");
      var reader = new FileReader();
      reader.onload = function () {
        preview.src = reader.result; // a data: URL, which the CSP's img-src allows
        preview.hidden = false;
      };
      reader.readAsDataURL(file);
    }

    function add(files) {
      var first = null;
      Array.prototype.forEach.call(files, function (file) {
        var fieldset = emptyForm();
        var transfer = new DataTransfer();
        transfer.items.add(file);
        fieldset.querySelector("input[type=file]").files = transfer.files;
        show(fieldset, file);
        first = first || fieldset;
      });
      var alt = first && first.querySelector("input[type=text]");
      if (alt) alt.focus();
    }

    picker.addEventListener("change", function () {
      add(picker.files);
      picker.value = "";
    });
    list.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type === "file" && input.files.length) show(input.closest(".library-upload-form"), input.files[0]);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("library-dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("library-dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      add(event.dataTransfer.files);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
