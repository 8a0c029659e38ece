// Facteur's upload page: drop invoices into a dossier, follow them, look at one.
// Plain JavaScript against the REST API (same origin, the browser's login is reused).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let messages = {};
  let dossier = null;
  let refresh = null;
  let shown = null;

  const t = (key) => messages[key] || key;
  // absolute addresses without user info, so that a page opened as http://user:pass@host/ works too
  const base = location.origin;
  const here = base + location.pathname.replace(/[^/]*$/, "");
  // the API says timelines, reasons and problems in the page's language
  const api = (path, options) => fetch(base + "/api" + path, Object.assign({ credentials: "same-origin",
      headers: { "Accept-Language": document.documentElement.lang || "fr" } }, options))
    .then(async (r) => {
      const body = r.headers.get("Content-Type") && r.headers.get("Content-Type").includes("json") ? await r.json() : null;
      if (!r.ok) throw new Error(body && (body.detail || body.title) || r.statusText);
      return body;
    });
  const el = (tag, text, className) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  };

  async function setLanguage(lang) {
    messages = await fetch(here + "i18n/" + lang + ".json").then((r) => r.json());
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    localStorage.setItem("facteur.language", lang);
    if (dossier) loadInvoices();
    if (dossier && shown && !$("detail").hidden) show(shown, false);
  }

  async function loadDossiers() {
    const list = await api("/dossiers");
    const select = $("dossier");
    select.replaceChildren(...list.map((d) => { const o = el("option", d.name + " (" + d.id + ")"); o.value = d.id; return o; }));
    if (!list.length) { $("uploads").replaceChildren(el("li", t("noDossier"))); return; }
    // a link to an invoice names its dossier (#dossier=..&invoice=..); else the one used last
    const hash = new URLSearchParams(location.hash.slice(1));
    const remembered = hash.get("dossier") || localStorage.getItem("facteur.dossier");
    dossier = list.some((d) => d.id === remembered) ? remembered : list[0].id;
    select.value = dossier;
    await loadInvoices();
    const linked = hash.get("invoice");
    if (linked) show(linked);
  }

  function upload(file) {
    const row = el("li");
    const progress = el("progress"); progress.max = 100; progress.value = 0;
    const outcome = el("span", "", "outcome");
    row.append(el("span", file.name), progress, outcome);
    $("uploads").prepend(row);
    const form = new FormData();
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", base + "/api/dossiers/" + encodeURIComponent(dossier) + "/invoices");
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = 100 * e.loaded / e.total; };
    xhr.onload = () => {
      progress.value = 100;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status === 200 || xhr.status === 202) {
        const r = Array.isArray(body) ? body[0] : body;
        outcome.textContent = t(r.outcome) + (r.reason ? ": " + r.reason : "");
        outcome.classList.add(r.outcome);
        loadInvoices();
      } else {
        outcome.textContent = t("REJECTED") + ": " + (body && (body.detail || body.title) || xhr.statusText);
        outcome.classList.add("REJECTED");
      }
    };
    xhr.onerror = () => { outcome.textContent = t("uploadFailed"); outcome.classList.add("REJECTED"); };
    xhr.send(form);
  }

  const amount = (v, currency) => v === undefined || v === null ? "" :
    new Intl.NumberFormat(document.documentElement.lang, { style: "currency", currency: currency || "EUR" }).format(v);

  async function loadInvoices() {
    const invoices = await api("/dossiers/" + encodeURIComponent(dossier) + "/invoices?limit=200");
    const body = $("invoices").tBodies[0];
    body.replaceChildren(...invoices.map((i) => {
      const tr = el("tr");
      tr.dataset.id = i.id;
      const status = el("span", t(i.status), "status " + i.status);
      const cells = [status, i.number, i.issueDate, i.buyer && i.buyer.name,
        amount(i.totals && i.totals.payable, i.currency), i.format, i.fileName];
      cells.forEach((c) => { const td = el("td"); if (c instanceof Node) td.append(c); else td.textContent = c || ""; tr.append(td); });
      tr.onclick = () => show(i.id);
      return tr;
    }));
    $("empty").hidden = invoices.length > 0;
    clearTimeout(refresh);
    if (invoices.some((i) => i.status === "RECEIVED")) refresh = setTimeout(loadInvoices, 1500);
  }

  async function show(id, scroll) {
    history.replaceState(null, "", "#dossier=" + encodeURIComponent(dossier) + "&invoice=" + encodeURIComponent(id));
    const i = await api("/dossiers/" + encodeURIComponent(dossier) + "/invoices/" + encodeURIComponent(id));
    $("detail").hidden = false;
    $("detail-number").textContent = i.number || i.fileName;
    $("detail-status").textContent = t(i.status);
    $("detail-status").className = "status " + i.status;
    $("detail-reason").textContent = i.reason || "";
    const release = $("not-duplicate");
    release.hidden = i.status !== "DUPLICATE";
    release.onclick = async () => {
      release.disabled = true;
      try {
        await api("/dossiers/" + encodeURIComponent(dossier) + "/invoices/" + encodeURIComponent(i.id) + "/not-duplicate", { method: "POST" });
        await loadInvoices();
        await show(i.id, false);
      } catch (e) { $("detail-reason").textContent = e.message; } finally { release.disabled = false; }
    };
    const fields = [["format", i.format], ["profile", i.profile], ["issued", i.issueDate], ["dueDate", i.dueDate],
      ["currency", i.currency], ["seller", i.seller && i.seller.name], ["vatId", i.seller && i.seller.vatId],
      ["buyer", i.buyer && i.buyer.name], ["lines", i.lines && i.lines.count],
      ["taxBasis", amount(i.totals && i.totals.taxBasisTotal, i.currency)], ["taxTotal", amount(i.totals && i.totals.taxTotal, i.currency)],
      ["grandTotal", amount(i.totals && i.totals.grandTotal, i.currency)], ["amount", amount(i.totals && i.totals.payable, i.currency)]];
    $("detail-fields").replaceChildren(...fields.filter((f) => f[1] !== undefined && f[1] !== null && f[1] !== "")
      .flatMap((f) => [el("dt", t(f[0])), el("dd", String(f[1]))]));
    const findings = i.validation ? i.validation.findings : null;
    $("detail-findings").replaceChildren(...(findings === null ? [el("li", t("notValidated"))]
      : findings.length === 0 ? [el("li", t("noFindings"))]
      : findings.map((f) => el("li", f.rule + " (" + f.severity + "): " + f.message, f.severity))));
    $("detail-timeline").replaceChildren(...i.timeline.map((e) =>
      el("li", new Date(e.at).toLocaleString(document.documentElement.lang) + " · " + e.step + " · " + e.outcome + " · " + e.detail)));
    const preview = $("preview");
    preview.replaceChildren();
    // a PDF as it came, or the invoice XML laid out as PDF by the server, in the page's language
    if (i.format || (i.fileName && /\.pdf$/i.test(i.fileName))) {
      const o = el("object");
      o.type = "application/pdf";
      o.data = base + "/api/dossiers/" + encodeURIComponent(dossier) + "/invoices/" + encodeURIComponent(i.id) +
        "/pdf?lang=" + encodeURIComponent(document.documentElement.lang) + "#page=1";
      o.append(el("p", t("noPreview")));
      preview.append(o);
    }
    shown = i.id;
    if (scroll !== false) $("detail").scrollIntoView({ behavior: "smooth" });
  }

  function wireDrop() {
    const drop = $("drop");
    ["dragenter", "dragover"].forEach((n) => drop.addEventListener(n, (e) => { e.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "drop"].forEach((n) => drop.addEventListener(n, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
    drop.addEventListener("drop", (e) => [...e.dataTransfer.files].forEach(upload));
    $("files").addEventListener("change", (e) => { [...e.target.files].forEach(upload); e.target.value = ""; });
    $("dossier").addEventListener("change", (e) => { dossier = e.target.value; localStorage.setItem("facteur.dossier", dossier); $("detail").hidden = true; shown = null; loadInvoices(); });
    $("language").addEventListener("change", (e) => setLanguage(e.target.value));
  }

  const preferred = localStorage.getItem("facteur.language") || (navigator.language || "fr").slice(0, 2);
  const lang = ["fr", "en", "de"].includes(preferred) ? preferred : "fr";
  $("language").value = lang;
  wireDrop();
  setLanguage(lang).then(loadDossiers).catch((e) => $("uploads").replaceChildren(el("li", e.message)));
})();
