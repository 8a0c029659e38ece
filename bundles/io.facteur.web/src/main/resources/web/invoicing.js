// Facteur's invoicing on the page: the seller profile and the numbering of the dossier, then
// invoices and credit notes written line by line with live totals, saved as drafts, issued as
// Factur-X and downloaded. Shown only when the invoicing capability is installed. Uses what app.js
// shares in window.Facteur; data only ever goes into the page as textContent or attributes.
"use strict";
(function () {
  const F = window.Facteur;
  const $ = (id) => document.getElementById(id);
  const UNITS = ["C62", "HUR", "DAY", "KGM", "MTR", "LTR", "MON"];
  const CATEGORIES = ["S", "Z", "E", "AE", "K", "G", "O"];
  // the categories whose invoices say why no VAT is charged (BT-120)
  const EXEMPT = ["E", "AE", "K", "G", "O"];
  const MEANS = ["30", "58", "59", "10", "20", "48", "97"];
  const LOGO_MAX = 500 * 1024;
  const LINE_FIELDS = ["description", "quantity", "unit", "unitPrice", "vatCategory", "vatRate", "allowance"];
  const ADJUSTMENT_FIELDS = ["charge", "reason", "amount", "vatCategory", "vatRate"];

  let installed = false;
  let asked = 0;
  // the document in the editor: null for a new one, else the API's Document
  let current = null;
  let creditNote = false;
  let dirty = false;
  // the buyer picked from the directory: {customerId, language, name}, or null when typed
  let picked = null;
  let profile = null;
  let numbering = null;
  let logo = null;
  let previewTimer = null;
  let previewAsked = 0;
  let searchTimer = null;
  let searchAsked = 0;
  // the last problems shown (from the live check, or a refused save or issue), and whether the
  // user asked to save or issue (then every problem shows at its field, not only touched ones)
  let problems = [];
  let attempted = false;

  const lang = () => document.documentElement.lang || "fr";
  const inv = (path) => F.inDossier("/invoicing" + path);
  const docPath = (id) => inv("/documents/" + encodeURIComponent(id));
  const pdfUrl = (id) => location.origin + "/api" + docPath(id) + "/pdf";
  const text = (id) => $(id).value.trim();

  const money = (v, currency) => {
    if (v === undefined || v === null || v === "") return "";
    const n = Number(v);
    try {
      return new Intl.NumberFormat(lang(), { style: "currency", currency: currency || "EUR" }).format(n);
    } catch (e) { // not (yet) a currency code
      return new Intl.NumberFormat(lang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n) + " " + (currency || "");
    }
  };
  const percent = (v) => v === undefined || v === null ? "" :
    new Intl.NumberFormat(lang(), { maximumFractionDigits: 3 }).format(Number(v)) + " %";
  const day = (d) => d ? new Date(d + "T00:00:00").toLocaleDateString(lang()) : "";

  // a decimal as typed (1 234,50 or 1234.5) as the API takes it; undefined when it is none
  function decimal(raw) {
    const s = String(raw || "").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    if (s === "") return null;
    return /^-?\d+(\.\d+)?$/.test(s) ? s : undefined;
  }

  function say(node, message, ok) {
    node.textContent = message;
    node.className = "outcome" + (ok === true ? " ACCEPTED" : ok === false ? " REJECTED" : "");
  }
  const announce = (message, ok) => say($("inv-announce"), message, ok);

  // --- fields and their errors ---------------------------------------------------------------

  // every field that a problem may point at gets its error place right after it
  function errorPlaceOf(input) {
    const id = input.id + "-error";
    let place = $(id);
    if (!place) {
      place = F.el("span", null, "field-error");
      place.id = id;
      input.after(place);
      const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
      input.setAttribute("aria-describedby", described.concat(id).join(" "));
    }
    return place;
  }

  function clearErrors(scope) {
    scope.querySelectorAll(".field-error").forEach((e) => { e.textContent = ""; });
    scope.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  // the field a JSON pointer names: itself, else the first field under it, else its parent's
  function fieldOf(scope, pointer) {
    let p = pointer;
    while (p && p !== "/") {
      const exact = [...scope.querySelectorAll("[data-pointer]")].find((e) => e.dataset.pointer === p);
      if (exact) return exact;
      const under = [...scope.querySelectorAll("[data-pointer]")].find((e) => e.dataset.pointer.startsWith(p + "/"));
      if (under) return under;
      p = p.replace(/\/[^/]*$/, "");
    }
    return null;
  }

  // the seller's problems point at /seller/..., the profile form's fields at /...
  function placeOf(pointer) {
    const p = (pointer || "").replace(/^\/draft(?=\/|$)/, "");
    if (p === "/seller" || p.startsWith("/seller/")) {
      return { field: fieldOf($("inv-profile-form"), p.slice("/seller".length) || "/legalName"), seller: true, pointer: p };
    }
    return { field: fieldOf($("inv-editor"), p), seller: false, pointer: p };
  }

  function labelOf(field) {
    if (!field) return "";
    if (field.getAttribute("aria-label")) return field.getAttribute("aria-label");
    const label = document.querySelector("label[for=\"" + field.id + "\"]");
    return label ? label.textContent.replace(/\s*\*$/, "") : "";
  }

  function markField(field, detail) {
    const place = errorPlaceOf(field);
    place.textContent = place.textContent ? place.textContent + " " + detail : detail;
    field.setAttribute("aria-invalid", "true");
  }

  // problems at their fields (all of them, or those of touched fields) and as a list on top
  function showProblems(list, all) {
    problems = list;
    clearErrors($("inv-editor"));
    // in the profile form, only what the draft's check said there (not what saving the profile said)
    $("inv-profile-form").querySelectorAll("[data-from-draft]").forEach((f) => {
      delete f.dataset.fromDraft;
      f.removeAttribute("aria-invalid");
      errorPlaceOf(f).textContent = "";
    });
    const items = list.map((p) => {
      const place = placeOf(p.pointer);
      if (place.field && (all || place.seller || place.field.dataset.touched)) {
        markField(place.field, p.detail);
        if (place.seller) place.field.dataset.fromDraft = "1";
      }
      const li = F.el("li");
      const where = place.seller ? F.t("inv.sellerProfile") + " — " + labelOf(place.field) : labelOf(place.field);
      if (place.field) {
        const go = F.el("button", where ? F.tf("inv.problemAt", where, p.detail) : p.detail, "link");
        go.type = "button";
        go.addEventListener("click", () => focusField(place));
        li.append(go);
      } else {
        li.textContent = p.detail;
      }
      return li;
    });
    $("inv-problem-list").replaceChildren(...items);
    $("inv-problems-title").textContent = F.tf("inv.problemsTitle", list.length);
    $("inv-problems").hidden = list.length === 0;
  }

  function focusField(place) {
    if (place.seller) $("inv-seller").open = true;
    place.field.scrollIntoView({ block: "center" });
    place.field.focus();
  }

  // --- capability, dossier, language --------------------------------------------------------

  // linked: a document to open, as a link to it names it (#dossier=..&document=..)
  async function load(linked) {
    const dossier = F.dossier();
    if (!dossier) return;
    const mine = ++asked;
    let capabilities = [];
    try { capabilities = await F.api("/capabilities"); } catch (e) { capabilities = []; }
    if (mine !== asked) return;
    installed = capabilities.some((c) => c.id === "invoicing");
    $("invoicing-section").hidden = !installed;
    if (!installed) return;
    await Promise.all([loadProfile(), loadNumbering(), loadDocuments()]).catch((e) => announce(e.message, false));
    if (linked && (!current || current.id !== linked)) openDocument(linked).catch((e) => announce(e.message, false));
  }

  function setHash(id) {
    const h = new URLSearchParams(location.hash.slice(1));
    if (F.dossier()) h.set("dossier", F.dossier());
    if (id) h.set("document", id); else h.delete("document");
    history.replaceState(null, "", "#" + h.toString());
  }

  // --- seller profile -----------------------------------------------------------------------

  async function loadProfile() {
    const answer = await F.api(inv("/profile"));
    profile = answer;
    fillProfile(answer.profile || {});
    showProfileState();
    if (!answer.configured) $("inv-seller").open = true;
  }

  function showProfileState() {
    const state = $("inv-seller-state");
    const configured = profile && profile.configured;
    state.textContent = F.t(configured ? "inv.profileConfigured" : "inv.profileMissing");
    state.className = "status " + (configured ? "READY" : "RECEIVED");
  }

  function fillProfile(p) {
    const a = p.address || {};
    const term = p.paymentTerm || {};
    const values = {
      "p-legalName": p.legalName, "p-tradingName": p.tradingName, "p-siren": p.siren, "p-siret": p.siret,
      "p-vatId": p.vatId, "p-line1": a.line1, "p-line2": a.line2, "p-postcode": a.postcode, "p-city": a.city,
      "p-countryCode": a.countryCode || "FR", "p-email": p.email, "p-phone": p.phone, "p-iban": p.iban,
      "p-bic": p.bic, "p-legalMentions": p.legalMentions, "p-latePaymentText": p.latePaymentText,
      "p-termKind": term.kind || "DAYS", "p-termDays": term.days === undefined || term.days === null ? 30 : term.days
    };
    Object.keys(values).forEach((id) => { $(id).value = values[id] === undefined || values[id] === null ? "" : values[id]; });
    showLogo(p.logo && p.logo.length ? p.logo : null);
    clearErrors($("inv-profile-form"));
    say($("inv-profile-outcome"), "", null);
  }

  function showLogo(base64) {
    logo = base64;
    const img = $("p-logo-image");
    img.hidden = !logo;
    $("p-logo-remove").hidden = !logo;
    img.alt = F.t("inv.logoAlt");
    if (logo) img.src = "data:" + (logo.startsWith("iVBOR") ? "image/png" : "image/jpeg") + ";base64," + logo;
    else img.removeAttribute("src");
  }

  function chooseLogo(event) {
    const file = event.target.files[0];
    const field = $("p-logo");
    const place = errorPlaceOf(field);
    place.textContent = "";
    field.removeAttribute("aria-invalid");
    if (!file) return;
    if (!["image/png", "image/jpeg"].includes(file.type) || file.size > LOGO_MAX) {
      markField(field, F.t("inv.error.logo"));
      field.value = "";
      return;
    }
    const reader = new FileReader();
    reader.onload = () => showLogo(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => markField(field, F.t("inv.error.logo"));
    reader.readAsDataURL(file);
  }

  function profileBody() {
    const days = text("p-termDays");
    return {
      legalName: text("p-legalName"), tradingName: text("p-tradingName"), siren: text("p-siren"),
      siret: text("p-siret"), vatId: text("p-vatId"),
      address: { line1: text("p-line1"), line2: text("p-line2"), postcode: text("p-postcode"), city: text("p-city"),
        countryCode: text("p-countryCode").toUpperCase() },
      email: text("p-email"), phone: text("p-phone"), iban: text("p-iban"), bic: text("p-bic"),
      logo: logo, legalMentions: $("p-legalMentions").value.trim(), latePaymentText: $("p-latePaymentText").value.trim(),
      paymentTerm: { kind: $("p-termKind").value, days: /^\d+$/.test(days) ? Number(days) : days === "" ? 0 : days }
    };
  }

  async function saveProfile(event) {
    event.preventDefault();
    const outcome = $("inv-profile-outcome");
    const form = $("inv-profile-form");
    clearErrors(form);
    say(outcome, "", null);
    $("inv-profile-save").disabled = true;
    try {
      profile = await F.api(inv("/profile"), F.json("PUT", profileBody()));
      fillProfile(profile.profile);
      showProfileState();
      say(outcome, F.t("saved"), true);
      if (current || !$("inv-editor").hidden) schedulePreview(0);
    } catch (e) {
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors)) {
        const elsewhere = [];
        e.problem.errors.forEach((p) => {
          const field = fieldOf(form, p.pointer);
          if (field) markField(field, p.detail); else elsewhere.push(p.detail);
        });
        say(outcome, F.t("inv.fixFields") + (elsewhere.length ? " " + elsewhere.join("; ") : ""), false);
        const first = form.querySelector("[aria-invalid]");
        if (first) first.focus();
      } else {
        say(outcome, F.t("saveFailed") + ": " + e.message, false);
      }
    } finally {
      $("inv-profile-save").disabled = false;
    }
  }

  // --- numbering ----------------------------------------------------------------------------

  async function loadNumbering() {
    numbering = await F.api(inv("/numbering"));
    $("n-pattern").value = numbering.pattern;
    $("n-yearlyReset").checked = !!numbering.yearlyReset;
    $("n-nextValue").value = numbering.nextValue;
    clearErrors($("inv-numbering-form"));
    say($("inv-numbering-outcome"), "", null);
    showNextNumber();
  }

  // the next number as the pattern typed gives it (the server's word once saved)
  function showNextNumber() {
    const pattern = $("n-pattern").value;
    const value = Number(text("n-nextValue"));
    const now = new Date();
    const year = numbering && numbering.year ? numbering.year : now.getFullYear();
    let next = numbering ? numbering.next : "";
    if (numbering && (pattern !== numbering.pattern || value !== numbering.nextValue)) {
      next = Number.isInteger(value) && value > 0 && /\{seq(:\d{1,2})?\}/.test(pattern)
        ? pattern.replace(/\{(yyyy|yy|mm|seq(?::(\d{1,2}))?)\}/g, (m, token, width) => {
          if (token === "yyyy") return String(year);
          if (token === "yy") return String(year).slice(-2);
          if (token === "mm") return String(now.getMonth() + 1).padStart(2, "0");
          return String(value).padStart(width ? Number(width) : 1, "0");
        })
        : "";
    }
    $("n-preview").textContent = next ? F.tf("inv.nextNumber", next) : "";
  }

  async function saveNumbering(event) {
    event.preventDefault();
    const form = $("inv-numbering-form");
    const outcome = $("inv-numbering-outcome");
    clearErrors(form);
    const value = text("n-nextValue");
    const body = { pattern: $("n-pattern").value.trim(), yearlyReset: $("n-yearlyReset").checked,
      nextValue: /^\d+$/.test(value) ? Number(value) : value };
    $("inv-numbering-save").disabled = true;
    try {
      numbering = await F.api(inv("/numbering"), F.json("PUT", body));
      $("n-pattern").value = numbering.pattern;
      $("n-nextValue").value = numbering.nextValue;
      $("n-yearlyReset").checked = !!numbering.yearlyReset;
      showNextNumber();
      say(outcome, F.t("saved"), true);
    } catch (e) {
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors)) {
        e.problem.errors.forEach((p) => { const field = fieldOf(form, p.pointer) || $("n-pattern"); markField(field, p.detail); });
        say(outcome, F.t("inv.fixFields"), false);
      } else {
        say(outcome, F.t("saveFailed") + ": " + e.message, false);
      }
    } finally {
      $("inv-numbering-save").disabled = false;
    }
  }

  // --- documents ----------------------------------------------------------------------------

  async function loadDocuments() {
    const state = $("inv-filter").value;
    const list = await F.api(inv("/documents?state=" + encodeURIComponent(state)));
    $("inv-documents").tBodies[0].replaceChildren(...list.map(documentRow));
    $("inv-documents-empty").hidden = list.length > 0;
  }

  function documentRow(d) {
    const tr = F.el("tr");
    tr.dataset.id = d.id;
    const state = F.el("td");
    state.append(F.el("span", F.t("inv.state." + d.state), "status " + d.state));
    tr.append(F.el("td", F.t(d.creditNote ? "inv.creditNote" : "inv.invoice")),
      F.el("td", d.number || F.t("inv.noNumber")), F.el("td", d.issueDate ? day(d.issueDate) : F.when(d.updated)),
      F.el("td", d.buyerName || ""), F.el("td", money(d.payable, d.currency), "num"), state);
    const actions = F.el("td", null, "row-actions");
    const open = F.el("button", F.t("inv.open"));
    open.type = "button";
    open.setAttribute("aria-label", F.tf("inv.openLabel", d.number || d.buyerName || F.t("inv.noNumber")));
    open.addEventListener("click", () => openDocument(d.id).catch((e) => announce(e.message, false)));
    const pdf = F.el("a", F.t(d.state === "DRAFT" ? "inv.draftPdf" : "inv.pdf"), "button secondary");
    pdf.href = pdfUrl(d.id);
    pdf.setAttribute("download", "");
    actions.append(open, pdf);
    if (d.state === "DRAFT") {
      const remove = F.el("button", F.t("delete"));
      remove.type = "button";
      remove.setAttribute("aria-label", F.tf("inv.deleteLabel", d.buyerName || F.t("inv.noNumber")));
      remove.addEventListener("click", () => removeDraft(d.id, d.version));
      actions.append(remove);
    }
    tr.append(actions);
    return tr;
  }

  async function removeDraft(id, version) {
    if (!window.confirm(F.t("inv.confirmDelete"))) return;
    try {
      await F.api(docPath(id) + "?version=" + encodeURIComponent(version), { method: "DELETE" });
      if (current && current.id === id) closeEditor(true);
      announce(F.t("inv.deleted"), true);
    } catch (e) {
      announce(e.status === 409 ? F.t("inv.conflict") : e.message, false);
    }
    loadDocuments().catch(() => {});
  }

  // --- the editor ---------------------------------------------------------------------------

  function option(value, key, fallback) {
    // the key stays on the option: menus made before the texts arrive get them with the texts
    const o = F.option(value, F.has(key) ? F.t(key) : fallback || value);
    o.dataset.i18n = key;
    return o;
  }

  function select(values, prefix, chosen) {
    const s = F.el("select");
    values.forEach((v) => s.append(option(v, prefix + v)));
    if (chosen && !values.includes(chosen)) s.append(F.option(chosen, chosen));
    if (chosen) s.value = chosen;
    return s;
  }

  // a decimal of the API as the page's language writes it (450,00 in French and German)
  function local(value) {
    const comma = new Intl.NumberFormat(lang()).format(1.5).includes(",");
    return comma ? String(value).replace(".", ",") : String(value);
  }

  function input(value, className, kind) {
    const i = F.el("input");
    i.value = value === undefined || value === null ? "" : kind === "decimal" ? local(value) : String(value);
    if (className) i.className = className;
    if (kind === "decimal") { i.inputMode = "decimal"; i.autocomplete = "off"; }
    return i;
  }

  function cell(field) {
    const td = F.el("td");
    td.append(field);
    return td;
  }

  function removeButton(row, body) {
    const b = F.el("button", F.t("inv.removeMark"), "remove");
    b.type = "button";
    b.dataset.role = "remove";
    b.addEventListener("click", () => {
      const rows = [...body.rows];
      const at = rows.indexOf(row);
      row.remove();
      renumber();
      changed();
      // the keyboard stays in the table: on the next row's remove button, else the add button
      const next = body.rows[Math.min(at, body.rows.length - 1)];
      (next ? next.querySelector("[data-role=remove]") : body === $("inv-lines").tBodies[0] ? $("inv-add-line") : $("inv-add-allowance")).focus();
    });
    return b;
  }

  function lineRow(l) {
    const tr = F.el("tr");
    const description = input(l.description);
    description.maxLength = 1000;
    const rate = input(l.vatRate === undefined ? "20" : l.vatRate, "rate", "decimal");
    const category = select(CATEGORIES, "inv.vat.", l.vatCategory || "S");
    category.addEventListener("change", () => { if (category.value !== "S") rate.value = "0"; else if (decimal(rate.value) === "0") rate.value = "20"; });
    const net = F.el("output", null, "net");
    const fields = {
      description: description,
      quantity: input(l.quantity === undefined ? "1" : l.quantity, "qty", "decimal"),
      unit: select(UNITS, "inv.unit.", l.unit || "C62"),
      unitPrice: input(l.unitPrice, "price", "decimal"),
      vatCategory: category,
      vatRate: rate,
      allowance: input(l.allowance, "price", "decimal")
    };
    tr.append(F.el("th", null, "row-number"));
    LINE_FIELDS.forEach((f) => { fields[f].dataset.field = f; tr.append(cell(fields[f])); });
    const netCell = F.el("td", null, "num");
    netCell.append(net);
    tr.append(netCell);
    tr.append(cell(removeButton(tr, $("inv-lines").tBodies[0])));
    if (l.allowanceReason) tr.dataset.allowanceReason = l.allowanceReason;
    return tr;
  }

  function adjustmentRow(a) {
    const tr = F.el("tr");
    const kind = F.el("select");
    kind.append(option("false", "inv.allowance"), option("true", "inv.charge"));
    kind.value = a.charge ? "true" : "false";
    const rate = input(a.vatRate === undefined ? "20" : a.vatRate, "rate", "decimal");
    const category = select(CATEGORIES, "inv.vat.", a.vatCategory || "S");
    category.addEventListener("change", () => { if (category.value !== "S") rate.value = "0"; });
    const reason = input(a.reason);
    reason.maxLength = 300;
    const fields = { charge: kind, reason: reason, amount: input(a.amount, "price", "decimal"), vatCategory: category, vatRate: rate };
    tr.append(F.el("th", null, "row-number"));
    ADJUSTMENT_FIELDS.forEach((f) => { fields[f].dataset.field = f; tr.append(cell(fields[f])); });
    tr.append(cell(removeButton(tr, $("inv-adjustments").tBodies[0])));
    return tr;
  }

  // ids, pointers and labels follow the rows' order (a row removed renumbers those after it)
  function renumber() {
    [["inv-lines", "lines", "inv.line", LINE_FIELDS, "inv.col."], ["inv-adjustments", "adjustments", "inv.adjustment", ADJUSTMENT_FIELDS, "inv.adj."]]
      .forEach(([table, array, rowKey, fields, columnKey]) => {
        [...$(table).tBodies[0].rows].forEach((tr, i) => {
          tr.querySelector(".row-number").textContent = String(i + 1);
          fields.forEach((f) => {
            const field = tr.querySelector("[data-field=\"" + f + "\"]");
            const id = table + "-" + i + "-" + f;
            const place = field.id ? $(field.id + "-error") : null;
            field.id = id;
            field.dataset.pointer = "/" + array + "/" + i + "/" + f;
            field.setAttribute("aria-label", F.tf(rowKey, i + 1) + " — " + F.t(columnKey + f));
            if (place) { place.id = id + "-error"; field.setAttribute("aria-describedby", place.id); }
            else field.removeAttribute("aria-describedby");
            errorPlaceOf(field);
          });
          const remove = tr.querySelector("[data-role=remove]");
          remove.setAttribute("aria-label", F.tf(rowKey + "Remove", i + 1));
          remove.title = remove.getAttribute("aria-label");
        });
        $(table).hidden = $(table).tBodies[0].rows.length === 0;
      });
    showExemptions();
  }

  function addLine(l, focus) {
    const tr = lineRow(l || {});
    $("inv-lines").tBodies[0].append(tr);
    renumber();
    if (focus) tr.querySelector("[data-field=description]").focus();
    return tr;
  }

  function addAdjustment(a, focus) {
    const tr = adjustmentRow(a || {});
    $("inv-adjustments").tBodies[0].append(tr);
    renumber();
    if (focus) tr.querySelector("[data-field=reason]").focus();
    return tr;
  }

  // one field per exempt category used: its reason printed instead of the default one
  function showExemptions() {
    const used = new Set([...document.querySelectorAll("#inv-editor select[data-field=vatCategory]")].map((s) => s.value)
      .filter((c) => EXEMPT.includes(c)));
    const box = $("inv-exemption-fields");
    const kept = {};
    box.querySelectorAll("input").forEach((i) => { kept[i.dataset.category] = i.value; });
    const saved = current && current.draft && current.draft.exemptionReasons ? current.draft.exemptionReasons : {};
    const wanted = EXEMPT.filter((c) => used.has(c));
    const have = [...box.querySelectorAll("input")].map((i) => i.dataset.category);
    if (wanted.join() !== have.join()) {
      box.replaceChildren(...wanted.flatMap((c) => {
        const id = "inv-exemption-" + c;
        const label = F.el("label", F.tf("inv.exemptionFor", F.t("inv.vat." + c)));
        label.htmlFor = id;
        const field = input(kept[c] !== undefined ? kept[c] : saved[c]);
        field.id = id;
        field.maxLength = 300;
        field.dataset.category = c;
        field.dataset.pointer = "/exemptionReasons/" + c;
        field.placeholder = F.t("inv.exemptionDefault");
        const div = F.el("div");
        div.append(field);
        errorPlaceOf(field);
        return [label, div];
      }));
    }
    $("inv-exemptions").hidden = wanted.length === 0;
  }

  function fillEditor(doc, asCreditNote) {
    current = doc;
    const d = doc ? doc.draft : {};
    creditNote = doc ? !!doc.creditNote : !!asCreditNote;
    const b = d.buyer || {};
    const a = b.address || {};
    picked = b.customerId ? { customerId: b.customerId, language: b.language || "", name: b.name } : null;
    const values = {
      "i-precedingInvoice": d.precedingInvoice, "i-precedingInvoiceDate": d.precedingInvoiceDate,
      "b-name": b.name, "b-legalId": b.legalId, "b-vatId": b.vatId, "b-line1": a.line1, "b-line2": a.line2,
      "b-postcode": a.postcode, "b-city": a.city, "b-countryCode": a.countryCode || (doc ? "" : "FR"), "b-email": b.email,
      "b-buyerReference": b.buyerReference, "i-purchaseOrder": d.purchaseOrder,
      "i-notes": (d.notes || []).join("\n"), "i-paymentTermsText": d.paymentTermsText,
      "i-paymentMeansCode": d.paymentMeansCode || "30", "i-dueDate": doc ? doc.dueDate && doc.state !== "DRAFT" ? doc.dueDate : d.dueDate : "",
      "i-language": d.language || "", "i-currency": d.currency || "EUR", "b-search": ""
    };
    Object.keys(values).forEach((id) => { $(id).value = values[id] === undefined || values[id] === null ? "" : values[id]; });
    $("b-results").replaceChildren();
    $("b-results-count").textContent = "";
    showPicked();
    $("inv-lines").tBodies[0].replaceChildren();
    $("inv-adjustments").tBodies[0].replaceChildren();
    $("inv-exemption-fields").replaceChildren();
    const lines = d.lines && d.lines.length ? d.lines : doc ? [] : [{}];
    lines.forEach((l) => $("inv-lines").tBodies[0].append(lineRow(l)));
    (d.adjustments || []).forEach((x) => $("inv-adjustments").tBodies[0].append(adjustmentRow(x)));
    renumber();
    $("inv-editor").querySelectorAll("[data-touched]").forEach((e) => delete e.dataset.touched);
    attempted = false;
    dirty = false;
    showHeader();
    showTotals(doc ? doc.totals : null);
    showProblems([], false);
    say($("inv-outcome"), "", null);
    $("inv-editor").hidden = false;
    setHash(doc ? doc.id : null);
    if (!doc || doc.state === "DRAFT") schedulePreview(0);
  }

  function showHeader() {
    const doc = current;
    const editable = !doc || doc.state === "DRAFT";
    const kind = F.t(creditNote ? "inv.creditNote" : "inv.invoice");
    $("inv-editor-title").textContent = !doc ? F.t(creditNote ? "inv.newCreditNote" : "inv.newInvoice")
      : editable ? F.tf("inv.draftOf", kind) : kind;
    $("inv-editor-number").textContent = doc && doc.number ? doc.number : "";
    const state = $("inv-editor-state");
    state.textContent = doc ? F.t("inv.state." + doc.state) : "";
    state.className = doc ? "status " + doc.state : "status";
    state.hidden = !doc;
    $("inv-issued-on").textContent = doc && doc.issueDate ? F.tf("inv.issuedOn", day(doc.issueDate), day(doc.dueDate)) : "";
    $("inv-credit").hidden = !creditNote;
    $("inv-fields").disabled = !editable;
    $("inv-save").hidden = !editable;
    $("inv-issue").hidden = !editable;
    $("inv-issue").textContent = F.t(creditNote ? "inv.issueCreditNote" : "inv.issue");
    $("inv-delete").hidden = !doc || !editable;
    const pdf = $("inv-pdf");
    pdf.hidden = !doc;
    if (doc) {
      pdf.href = pdfUrl(doc.id);
      pdf.textContent = F.t(editable ? "inv.draftPdf" : "inv.pdf");
    } else {
      pdf.removeAttribute("href");
    }
  }

  function showPicked() {
    $("b-picked").hidden = !picked;
    $("b-picked-name").textContent = picked ? F.tf("inv.pickedCustomer", picked.name) : "";
  }

  function draftBody() {
    const rows = (table) => [...$(table).tBodies[0].rows].map((tr) => {
      const v = (f) => tr.querySelector("[data-field=\"" + f + "\"]").value.trim();
      const n = (f) => { const x = decimal(v(f)); return x === undefined ? null : x; };
      return { tr: tr, v: v, n: n };
    });
    const reasons = {};
    $("inv-exemption-fields").querySelectorAll("input").forEach((i) => { if (i.value.trim()) reasons[i.dataset.category] = i.value.trim(); });
    return {
      creditNote: creditNote,
      currency: text("i-currency").toUpperCase(),
      issueDate: null,
      dueDate: text("i-dueDate") || null,
      language: $("i-language").value,
      buyer: {
        customerId: picked ? picked.customerId : "",
        name: text("b-name"), legalId: text("b-legalId"), vatId: text("b-vatId"),
        address: { line1: text("b-line1"), line2: text("b-line2"), postcode: text("b-postcode"), city: text("b-city"),
          countryCode: text("b-countryCode").toUpperCase() },
        email: text("b-email"), buyerReference: text("b-buyerReference"), language: picked ? picked.language : ""
      },
      lines: rows("inv-lines").map((r) => ({
        description: r.v("description"), quantity: r.n("quantity"), unit: r.v("unit"), unitPrice: r.n("unitPrice"),
        vatCategory: r.v("vatCategory"), vatRate: r.n("vatRate"), allowance: r.n("allowance"),
        allowanceReason: r.tr.dataset.allowanceReason || ""
      })),
      adjustments: rows("inv-adjustments").map((r) => ({
        charge: r.v("charge") === "true", amount: r.n("amount"), reason: r.v("reason"),
        vatCategory: r.v("vatCategory"), vatRate: r.n("vatRate")
      })),
      notes: $("i-notes").value.split("\n").map((s) => s.trim()).filter((s) => s),
      paymentTermsText: text("i-paymentTermsText"),
      paymentMeansCode: $("i-paymentMeansCode").value,
      purchaseOrder: text("i-purchaseOrder"),
      precedingInvoice: creditNote ? text("i-precedingInvoice") : "",
      precedingInvoiceDate: creditNote ? text("i-precedingInvoiceDate") || null : null,
      exemptionReasons: reasons
    };
  }

  // numbers the page cannot read: said at their fields before the server is asked
  function localProblems() {
    const found = [];
    $("inv-editor").querySelectorAll("input[inputmode=decimal]").forEach((i) => {
      if (decimal(i.value) === undefined) found.push({ pointer: i.dataset.pointer, detail: F.t("inv.error.number") });
    });
    const currency = text("i-currency");
    if (!/^[A-Za-z]{3}$/.test(currency)) found.push({ pointer: "/currency", detail: F.t("inv.error.currency") });
    return found;
  }

  function changed(event) {
    if (!current || current.state === "DRAFT") {
      dirty = true;
      if (event && event.target && event.target.dataset && event.target.dataset.pointer) event.target.dataset.touched = "1";
      schedulePreview(300);
    }
  }

  function schedulePreview(delay) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => preview().catch(() => {}), delay);
  }

  async function preview() {
    if ($("inv-editor").hidden || (current && current.state !== "DRAFT")) return;
    const mine = ++previewAsked;
    const body = draftBody();
    const local = localProblems();
    let answer;
    try {
      answer = await F.api(inv("/preview"), F.json("POST", body));
    } catch (e) {
      // a body the server cannot read at all: its words, at their fields
      if (mine === previewAsked && e.status === 400 && e.problem && Array.isArray(e.problem.errors)) {
        showTotals(null);
        showProblems(local.concat(e.problem.errors), attempted);
      }
      return;
    }
    if (mine !== previewAsked) return; // a later change asked again
    showTotals(answer.totals);
    const locallyKnown = new Set(local.map((p) => p.pointer));
    showProblems(local.concat((answer.problems || []).filter((p) => !locallyKnown.has(p.pointer))), attempted);
  }

  function showTotals(totals) {
    const currency = text("i-currency").toUpperCase() || "EUR";
    const nets = totals && totals.lineNets ? totals.lineNets : [];
    [...$("inv-lines").tBodies[0].rows].forEach((tr, i) => { tr.querySelector("output.net").textContent = money(nets[i], currency); });
    const vat = totals && totals.vat ? totals.vat : [];
    $("inv-vat").tBodies[0].replaceChildren(...vat.map((v) => {
      const tr = F.el("tr");
      tr.append(F.el("td", F.t("inv.vat." + v.category)), F.el("td", percent(v.rate), "num"),
        F.el("td", money(v.taxable, currency), "num"), F.el("td", money(v.tax, currency), "num"),
        F.el("td", [v.exemptionCode, v.exemptionReason].filter(Boolean).join(" — ")));
      return tr;
    }));
    $("inv-vat").hidden = vat.length === 0;
    const rows = [["lineTotal", "inv.lineTotal"], ["allowanceTotal", "inv.allowanceTotal"], ["chargeTotal", "inv.chargeTotal"],
      ["taxExclusive", "inv.taxExclusive"], ["taxTotal", "inv.taxTotal"], ["taxInclusive", "inv.taxInclusive"], ["payable", "inv.payable"]];
    $("inv-sums").replaceChildren(...(totals ? rows.filter(([k]) => totals[k] !== undefined && totals[k] !== null &&
      !(Number(totals[k]) === 0 && (k === "allowanceTotal" || k === "chargeTotal"))) : [])
      .flatMap(([k, key]) => { const dd = F.el("dd", money(totals[k], currency), "num"); dd.id = "inv-total-" + k; return [F.el("dt", F.t(key)), dd]; }));
    $("inv-no-totals").hidden = !!totals;
  }

  async function save(quiet) {
    const body = draftBody();
    const local = localProblems();
    if (local.length) {
      attempted = true;
      showProblems(local, true);
      refused(F.t("inv.fixFields"));
      return null;
    }
    try {
      const doc = current
        ? await F.api(docPath(current.id), F.json("PUT", { version: current.version, draft: body }))
        : await F.api(inv("/documents"), F.json("POST", body));
      current = doc;
      dirty = false;
      showHeader();
      setHash(doc.id);
      if (!quiet) say($("inv-outcome"), F.t("inv.savedDraft"), true);
      loadDocuments().catch(() => {});
      return doc;
    } catch (e) {
      await failed(e, "saveFailed");
      return null;
    }
  }

  async function failed(e, key) {
    if (e.status === 400 && e.problem && Array.isArray(e.problem.errors)) {
      attempted = true;
      showProblems(e.problem.errors, true);
      refused(F.tf("inv.refused", e.problem.errors.length));
    } else if (e.status === 409) {
      say($("inv-outcome"), F.t("inv.conflict"), false);
      if (current) {
        const again = await F.api(docPath(current.id)).catch(() => null);
        if (again) { const message = $("inv-outcome").textContent; fillEditor(again); say($("inv-outcome"), message, false); }
      }
      loadDocuments().catch(() => {});
    } else {
      say($("inv-outcome"), F.t(key) + ": " + e.message, false);
    }
  }

  // refused: said in the live region, and the keyboard lands on the list of what to correct
  function refused(message) {
    say($("inv-outcome"), message, false);
    if (!$("inv-problems").hidden) $("inv-problems-title").focus();
  }

  async function saveClicked(event) {
    event.preventDefault();
    busy(true);
    try { await save(false); } finally { busy(false); }
  }

  async function issue() {
    const question = F.t(creditNote ? "inv.confirmIssueCreditNote" : "inv.confirmIssue");
    if (!window.confirm(question)) return;
    busy(true);
    try {
      const doc = current && !dirty ? current : await save(true);
      if (!doc) return;
      say($("inv-outcome"), F.t("inv.issuing"), null);
      try {
        const issued = await F.api(docPath(doc.id) + "/issue", F.json("POST", { version: doc.version }));
        fillEditor(issued);
        say($("inv-outcome"), F.tf(issued.creditNote ? "inv.issuedCreditNote" : "inv.issued", issued.number), true);
        announce(F.tf(issued.creditNote ? "inv.issuedCreditNote" : "inv.issued", issued.number), true);
        loadNumbering().catch(() => {});
        loadDocuments().catch(() => {});
        document.dispatchEvent(new CustomEvent("facteur:issued"));
      } catch (e) {
        await failed(e, "inv.issueFailed");
      }
    } finally {
      busy(false);
    }
  }

  function busy(on) {
    $("inv-save").disabled = on;
    $("inv-issue").disabled = on;
  }

  async function openDocument(id) {
    const doc = await F.api(docPath(id));
    fillEditor(doc);
    $("inv-editor").scrollIntoView({ block: "start" });
    $("inv-editor-title").focus({ preventScroll: true });
  }

  function newDocument(asCreditNote) {
    if (dirty && !window.confirm(F.t("inv.confirmDiscard"))) return;
    fillEditor(null, asCreditNote);
    $("inv-editor").scrollIntoView({ block: "start" });
    (asCreditNote ? $("i-precedingInvoice") : $("b-search")).focus({ preventScroll: true });
  }

  function closeEditor(force) {
    if (!force && dirty && !window.confirm(F.t("inv.confirmDiscard"))) return;
    clearTimeout(previewTimer);
    $("inv-editor").hidden = true;
    current = null;
    dirty = false;
    setHash(null);
  }

  async function deleteCurrent() {
    if (!current) return;
    await removeDraft(current.id, current.version);
  }

  // --- the buyer from the customer directory -----------------------------------------------

  async function searchCustomers() {
    const q = text("b-search").slice(0, 100);
    const mine = ++searchAsked;
    if (!q) { $("b-results").replaceChildren(); $("b-results-count").textContent = ""; return; }
    const list = await F.api(F.inDossier("/customers?limit=10&q=" + encodeURIComponent(q)));
    if (mine !== searchAsked) return;
    $("b-results").replaceChildren(...list.map((k) => {
      const li = F.el("li");
      const b = F.el("button", [k.name, k.address && k.address.city].filter(Boolean).join(" — "), "link");
      b.type = "button";
      b.addEventListener("click", () => pick(k));
      li.append(b);
      return li;
    }));
    $("b-results-count").textContent = list.length ? F.tf("inv.customersFound", list.length) : F.t("noCustomers");
  }

  function pick(k) {
    const a = k.address || {};
    const key = (prefix) => k.matchKey && k.matchKey.startsWith(prefix) ? k.matchKey.slice(prefix.length) : "";
    picked = { customerId: k.id, language: k.language || "", name: k.name };
    const values = {
      "b-name": k.name, "b-vatId": key("vat:"), "b-legalId": key("reg:"), "b-line1": a.line1, "b-line2": a.line2,
      "b-postcode": a.postCode, "b-city": a.city, "b-countryCode": a.countryCode, "b-email": (k.emails || [])[0],
      "b-buyerReference": k.buyerReference
    };
    Object.keys(values).forEach((id) => { $(id).value = values[id] || ""; });
    $("b-search").value = "";
    $("b-results").replaceChildren();
    $("b-results-count").textContent = "";
    showPicked();
    changed();
    $("b-name").focus();
  }

  function unpick() {
    picked = null;
    showPicked();
    changed();
    $("b-search").focus();
  }

  // --- wiring -------------------------------------------------------------------------------

  function wire() {
    $("invoicing-section").querySelectorAll("[data-pointer]").forEach(errorPlaceOf);
    $("inv-profile-form").addEventListener("submit", saveProfile);
    $("p-logo").addEventListener("change", chooseLogo);
    $("p-logo-remove").addEventListener("click", () => { showLogo(null); $("p-logo").value = ""; $("p-logo").focus(); });
    $("inv-numbering-form").addEventListener("submit", saveNumbering);
    ["n-pattern", "n-nextValue"].forEach((id) => $(id).addEventListener("input", showNextNumber));
    $("inv-filter").addEventListener("change", () => loadDocuments().catch((e) => announce(e.message, false)));
    $("inv-new").addEventListener("click", () => newDocument(false));
    $("inv-new-credit").addEventListener("click", () => newDocument(true));
    $("inv-add-line").addEventListener("click", () => { addLine({}, true); changed(); });
    $("inv-add-allowance").addEventListener("click", () => { addAdjustment({ charge: false }, true); changed(); });
    $("inv-add-charge").addEventListener("click", () => { addAdjustment({ charge: true }, true); changed(); });
    const editor = $("inv-editor");
    editor.addEventListener("input", (e) => { if (e.target.id !== "b-search") changed(e); });
    editor.addEventListener("change", (e) => {
      if (e.target.id === "b-search") return;
      if (e.target.dataset.field === "vatCategory") showExemptions();
      changed(e);
    });
    editor.addEventListener("submit", saveClicked);
    $("inv-issue").addEventListener("click", issue);
    $("inv-close").addEventListener("click", () => closeEditor(false));
    $("inv-delete").addEventListener("click", deleteCurrent);
    $("b-search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => searchCustomers().catch(() => {}), 250); });
    $("b-search").addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); const first = $("b-results").querySelector("button"); if (first) first.focus(); }
    });
    $("b-unpick").addEventListener("click", unpick);
    $("i-paymentMeansCode").replaceChildren(...MEANS.map((m) => option(m, "inv.means." + m)));
    $("p-termKind").replaceChildren(...["DAYS", "END_OF_MONTH", "DAYS_END_OF_MONTH"].map((k) => option(k, "inv.term." + k)));
    window.addEventListener("hashchange", () => {
      const id = new URLSearchParams(location.hash.slice(1)).get("document");
      if (installed && id && (!current || current.id !== id)) openDocument(id).catch((e) => announce(e.message, false));
    });
    document.addEventListener("facteur:dossier", () => {
      const hash = new URLSearchParams(location.hash.slice(1));
      // the first dossier shown may be the one a link names, with one of its documents
      const linked = hash.get("dossier") === F.dossier() ? hash.get("document") : null;
      closeEditor(true);
      load(linked);
    });
    document.addEventListener("facteur:language", () => {
      if (!installed) return;
      // what was said in the other language is no longer said
      ["inv-announce", "inv-outcome", "inv-profile-outcome", "inv-numbering-outcome"].forEach((id) => say($(id), "", null));
      renumber();
      showProfileState();
      showNextNumber();
      showPicked();
      loadDocuments().catch(() => {});
      if (!$("inv-editor").hidden) {
        showHeader();
        if (current && current.state !== "DRAFT") showTotals(current.totals); else schedulePreview(0);
      }
    });
  }

  wire();
  // a test, or a support person, may look at what the page holds
  window.Facteur.invoicing = { current: () => current, problems: () => problems };
})();
