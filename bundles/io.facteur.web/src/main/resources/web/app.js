// Facteur's upload page: drop invoices into a dossier, follow them, look at one, send it, and keep
// the dossier's customer directory. Plain JavaScript against the REST API (same origin, the
// browser's login is reused). Data only ever goes into the page as textContent or attributes.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let messages = {};
  let dossier = null;
  let refresh = null;
  let reading = false;
  let shown = null;
  // the delivery channels installed, as /api/capabilities lists them: {id, label}
  let channels = [];
  // the receiver adapters installed (the forms a customer can choose): {id, label}
  let adapters = [];
  // the customer of the invoice shown, or null when the directory has none
  let shownCustomer = null;
  // the customer in the form: one from the directory (with an id), or a new one (without)
  let editing = null;
  // following the deliveries of the invoice shown while some are on their way
  let watch = null;
  let watchDelay = 1500;
  let customersAsked = 0;
  let searchTimer = null;

  const t = (key) => Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  // a message with {0}, {1}, ... filled in
  const tf = (key, ...args) => t(key).replace(/\{(\d)\}/g, (m, n) => (args[n] === undefined || args[n] === null ? "" : String(args[n])));
  const lang = () => document.documentElement.lang || "fr";
  // absolute addresses without user info, so that a page opened as http://user:pass@host/ works too
  const base = location.origin;
  const here = base + location.pathname.replace(/[^/]*$/, "");
  // the API says timelines, reasons and problems in the page's language
  const api = (path, options) => {
    const o = Object.assign({ credentials: "same-origin" }, options);
    o.headers = Object.assign({ "Accept-Language": lang() }, options && options.headers);
    return fetch(base + "/api" + path, o).then(async (r) => {
      const type = r.headers.get("Content-Type") || "";
      const body = type.includes("json") ? await r.json().catch(() => null) : null;
      if (!r.ok) {
        const e = new Error(body && (body.detail || body.title) || r.statusText);
        e.status = r.status;
        e.problem = body;
        throw e;
      }
      return body;
    });
  };
  const json = (method, data) => ({ method: method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
  const inDossier = (path) => "/dossiers/" + encodeURIComponent(dossier) + path;
  const el = (tag, text, className) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  };
  const when = (at) => at ? new Date(at).toLocaleString(lang()) : "";
  const option = (value, text, i18n) => {
    const o = el("option", text);
    o.value = value;
    if (i18n) o.dataset.i18n = i18n;
    return o;
  };
  // a channel by the name users know: its translation when the page has one, else its label
  const channelName = (id, short) => {
    if (!id) return t(short ? "automaticShort" : "automatic");
    if (Object.prototype.hasOwnProperty.call(messages, "channel." + id)) return t("channel." + id);
    const installed = channels.find((c) => c.id === id);
    return installed && installed.label ? installed.label : id;
  };
  // what the page's other parts (connectors.js, invoicing.js) share: the API, texts and the dossier
  // shown; they hear of a change of dossier or language by the events facteur:dossier and
  // facteur:language, and say that they issued an invoice by facteur:issued
  window.Facteur = {
    api: api, json: json, el: el, option: option, t: t, tf: tf, when: when,
    inDossier: (path) => inDossier(path),
    dossier: () => dossier,
    has: (key) => Object.prototype.hasOwnProperty.call(messages, key)
  };
  const announce = (name) => document.dispatchEvent(new CustomEvent(name));
  const updateHash = () => {
    const h = new URLSearchParams();
    if (dossier) h.set("dossier", dossier);
    if (shown && !$("detail").hidden) h.set("invoice", shown);
    if (editing && editing.id && !$("customer-form").hidden) h.set("customer", editing.id);
    history.replaceState(null, "", "#" + h.toString());
  };

  async function setLanguage(language) {
    messages = await fetch(here + "i18n/" + language + ".json").then((r) => r.json());
    document.documentElement.lang = language;
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    document.querySelectorAll("[data-i18n-aria]").forEach((e) => { e.setAttribute("aria-label", t(e.dataset.i18nAria)); });
    localStorage.setItem("facteur.language", language);
    fillChannels();
    clearFieldErrors();
    if (editing) $("customer-title").textContent = editing.id ? tf("editCustomer", editing.name) : t("newCustomer");
    if (dossier) { loadInvoices(); loadCustomers(); }
    if (dossier && shown && !$("detail").hidden) show(shown, false);
    announce("facteur:language");
  }

  async function loadChannels() {
    try {
      const installed = await api("/capabilities");
      channels = installed.filter((c) => c.kind === "DELIVERY_CHANNEL").map((c) => ({ id: c.id, label: c.label }));
      adapters = installed.filter((c) => c.kind === "RECEIVER_ADAPTER").map((c) => ({ id: c.id, label: c.label }));
    } catch (e) {
      channels = []; // Facteur then chooses: the page offers "automatic" only
      adapters = [];
    }
    fillChannels();
  }

  // both channel menus: "automatic" first, then each installed channel; a chosen one stays chosen
  function fillChannels() {
    [$("send-channel"), $("c-preferredChannel")].forEach((select) => {
      const chosen = select.value;
      select.replaceChildren(option("", t("automatic"), "automatic"), ...channels.map((c) => option(c.id, channelName(c.id))));
      keepChoice(select, chosen);
    });
    const forms = $("c-preferredFormat");
    const form = forms.value;
    forms.replaceChildren(option("", t("formByCountry"), "formByCountry"), ...adapters.map((a) => option(a.id, a.label)));
    if (form && ![...forms.options].some((o) => o.value === form)) forms.append(option(form, form));
    forms.value = form || "";
  }

  // a value not offered (a channel since uninstalled) is kept as it is rather than lost on saving
  function keepChoice(select, value) {
    if (value && ![...select.options].some((o) => o.value === value)) select.append(option(value, channelName(value)));
    select.value = value || "";
  }

  async function loadDossiers() {
    const list = await api("/dossiers");
    const select = $("dossier");
    select.replaceChildren(...list.map((d) => option(d.id, d.name + " (" + d.id + ")")));
    if (!list.length) { $("uploads").replaceChildren(el("li", t("noDossier"))); return; }
    // a link to an invoice names its dossier (#dossier=..&invoice=..); else the one used last
    const hash = new URLSearchParams(location.hash.slice(1));
    const remembered = hash.get("dossier") || localStorage.getItem("facteur.dossier");
    dossier = list.some((d) => d.id === remembered) ? remembered : list[0].id;
    select.value = dossier;
    await loadInvoices();
    loadCustomers();
    announce("facteur:dossier");
    const linked = hash.get("invoice");
    if (linked) show(linked);
    const customer = hash.get("customer");
    if (customer) api(inDossier("/customers/" + encodeURIComponent(customer))).then((k) => openCustomer(k, null, { scroll: !linked })).catch(() => {});
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
        reading = true; // its buyer joins the directory once it is read
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
    new Intl.NumberFormat(lang(), { style: "currency", currency: currency || "EUR" }).format(v);

  async function loadInvoices() {
    const invoices = await api(inDossier("/invoices?limit=200"));
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
    const wasReading = reading;
    reading = invoices.some((i) => i.status === "RECEIVED");
    if (reading) refresh = setTimeout(loadInvoices, 1500);
    else if (wasReading) loadCustomers(); // the buyers just read joined the directory
  }

  // keepPreview: a refresh of what changes (status, deliveries, timeline) without reloading the PDF
  async function show(id, scroll, keepPreview) {
    const i = await api(inDossier("/invoices/" + encodeURIComponent(id)));
    const again = shown === i.id;
    shown = i.id;
    $("detail").hidden = false;
    updateHash();
    $("detail-number").textContent = i.number || i.fileName;
    $("detail-status").textContent = t(i.status);
    $("detail-status").className = "status " + i.status;
    $("detail-reason").textContent = i.reason || "";
    const release = $("not-duplicate");
    release.hidden = i.status !== "DUPLICATE";
    release.onclick = async () => {
      release.disabled = true;
      try {
        await api(inDossier("/invoices/" + encodeURIComponent(i.id) + "/not-duplicate"), { method: "POST" });
        await loadInvoices();
        await show(i.id, false, true);
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
      el("li", when(e.at) + " · " + e.step + " · " + e.outcome + " · " + e.detail)));
    if (!again) {
      $("send-outcome").textContent = "";
      $("send-outcome").className = "outcome";
      watchDelay = 1500;
      $("send").disabled = true; // until its deliveries say whether it is a first send
    }
    $("send").onclick = () => send(i);
    if (!(keepPreview && again)) showPreview(i);
    await Promise.all([showCustomerOf(i), loadDeliveries(i)]);
    if (scroll !== false) $("detail").scrollIntoView({ behavior: "smooth" });
  }

  function showPreview(i) {
    const preview = $("preview");
    preview.replaceChildren();
    // a PDF as it came, or the invoice XML laid out as PDF by the server, in the page's language
    if (i.format || (i.fileName && /\.pdf$/i.test(i.fileName))) {
      const o = el("object");
      o.type = "application/pdf";
      o.data = base + "/api" + inDossier("/invoices/" + encodeURIComponent(i.id)) +
        "/pdf?lang=" + encodeURIComponent(lang()) + "#page=1";
      o.append(el("p", t("noPreview")));
      preview.append(o);
    }
  }

  // the invoice's customer: the one the API names, else the directory's entry with the buyer's name
  async function customerOf(i) {
    const id = i.customerId || (i.customer && i.customer.id);
    if (id) return api(inDossier("/customers/" + encodeURIComponent(id)));
    const name = i.buyer && i.buyer.name ? i.buyer.name.trim() : "";
    if (!name) return null;
    const found = await api(inDossier("/customers?limit=50&q=" + encodeURIComponent(name.slice(0, 100))));
    const same = found.filter((k) => k.name.trim().toLowerCase() === name.toLowerCase());
    // namesakes: the buyer's VAT id or registration tells them apart, as the directory matches them
    const key = (prefix, v) => v ? prefix + v.replace(/\s+/g, "").toUpperCase() : null;
    const keys = [key("vat:", i.buyer.vatId), key("reg:", i.buyer.legalId)].filter(Boolean);
    return same.find((k) => keys.includes(k.matchKey)) || same[0] || null;
  }

  async function showCustomerOf(i) {
    let k = null;
    try { k = await customerOf(i); } catch (e) { k = null; }
    if (shown !== i.id) return;
    shownCustomer = k;
    const link = $("customer-link");
    const add = $("customer-add");
    $("detail-customer").hidden = !k && !(i.buyer && i.buyer.name);
    link.hidden = !k;
    add.hidden = !!k;
    if (k) {
      link.textContent = k.name;
      link.href = "#dossier=" + encodeURIComponent(dossier) + "&customer=" + encodeURIComponent(k.id);
      link.onclick = (e) => { e.preventDefault(); openCustomer(k); };
    }
    add.onclick = () => openCustomer(null, { name: i.buyer && i.buyer.name, vatId: i.buyer && i.buyer.vatId });
  }

  async function loadDeliveries(i) {
    clearTimeout(watch);
    let list;
    try {
      list = await api(inDossier("/invoices/" + encodeURIComponent(i.id) + "/deliveries"));
    } catch (e) {
      if (shown === i.id) $("send").disabled = false; // unknown: the server still decides
      throw e;
    }
    if (shown !== i.id) return;
    $("deliveries").tBodies[0].replaceChildren(...list.map((d) => {
      const tr = el("tr");
      const correction = el("td");
      if (d.state === "BOUNCED" && d.replacedBy) {
        correction.textContent = t("replaced");
      } else if (d.state === "BOUNCED") {
        const open = d.correctUntil && new Date(d.correctUntil) > new Date();
        correction.append(el("span", tf(open ? "correctUntil" : "correctionClosed", when(d.correctUntil))));
        const fix = el("button", t("correctAddress"));
        fix.type = "button";
        fix.onclick = () => openCustomer(shownCustomer, { name: i.buyer && i.buyer.name, vatId: i.buyer && i.buyer.vatId },
          { bounce: true, until: d.correctUntil });
        correction.append(" ", fix);
      }
      const cells = [channelName(d.channel, true), el("span", t("deliveryState." + d.state), "status " + d.state),
        d.recipient, d.detail, when(d.createdAt)];
      cells.forEach((c) => { const td = el("td"); if (c instanceof Node) td.append(c); else td.textContent = c || ""; tr.append(td); });
      tr.append(correction);
      return tr;
    }));
    $("deliveries").hidden = list.length === 0;
    $("no-deliveries").hidden = list.length > 0;
    const sent = list.some((d) => ["QUEUED", "SENDING", "SENT", "DELIVERED", "POSTED"].includes(d.state));
    $("send").textContent = t(sent ? "sendAgain" : "send");
    $("send").dataset.again = sent ? "yes" : "";
    $("send").disabled = false;
    // on their way: look again, less and less often (a channel may be missing for a long time)
    if (list.some((d) => d.state === "QUEUED" || d.state === "SENDING")) {
      watch = setTimeout(() => { loadInvoices(); show(i.id, false, true).catch(() => {}); }, watchDelay);
      watchDelay = Math.min(watchDelay * 1.5, 15000);
    }
  }

  async function send(i) {
    const button = $("send");
    const outcome = $("send-outcome");
    if (button.dataset.again && !confirm(t("confirmSendAgain"))) return;
    const channel = $("send-channel").value;
    button.disabled = true;
    outcome.textContent = "";
    outcome.className = "outcome";
    try {
      const d = await api(inDossier("/invoices/" + encodeURIComponent(i.id) + "/send"), json("POST", channel ? { channel: channel } : {}));
      watchDelay = 1500;
      await show(i.id, false, true);
      outcome.textContent = d.channel ? tf("queuedBy", channelName(d.channel)) : t("queued");
      outcome.classList.add("ACCEPTED");
      loadInvoices();
    } catch (e) {
      outcome.classList.add("REJECTED");
      if (e.status === 409 && e.problem && e.problem.type === "urn:facteur:problem:delivery-refused") {
        // refused by the dossier's rules: the timeline says so too
        await show(i.id, false, true).catch(() => {});
        outcome.textContent = t("refused");
        $("detail-reason").textContent = e.problem.detail || e.problem.title || "";
      } else {
        outcome.textContent = t("sendFailed") + ": " + e.message;
      }
    } finally {
      button.disabled = false;
    }
  }

  async function loadCustomers() {
    const asked = ++customersAsked;
    const q = $("customer-search").value.trim().slice(0, 100);
    const list = await api(inDossier("/customers?limit=200" + (q ? "&q=" + encodeURIComponent(q) : "")));
    if (asked !== customersAsked) return; // a later search answered first
    $("customers").tBodies[0].replaceChildren(...list.map((k) => {
      const tr = el("tr");
      tr.dataset.id = k.id;
      [k.name, k.emails.join(", "), k.address && k.address.city, k.language ? t("lang." + k.language) : "",
        channelName(k.preferredChannel, true)].forEach((c) => tr.append(el("td", c || "")));
      tr.onclick = () => openCustomer(k);
      return tr;
    }));
    $("customers-empty").hidden = list.length > 0;
  }

  // a customer of the directory, or a new one (prefilled with what an invoice says of its buyer);
  // how.bounce: the form opens on the e-mail addresses, with the deadline (how.until) of the correction
  function openCustomer(k, prefill, how) {
    const bounce = !!(how && how.bounce);
    editing = k || { name: prefill && prefill.name || "", vatId: prefill && prefill.vatId || "" };
    const a = editing.address || {};
    $("c-name").value = editing.name || "";
    $("c-vatId").value = editing.vatId || "";
    $("c-emails").value = (editing.emails || []).join(", ");
    $("c-language").value = editing.language || "";
    $("c-line1").value = a.line1 || "";
    $("c-line2").value = a.line2 || "";
    $("c-postCode").value = a.postCode || "";
    $("c-city").value = a.city || "";
    $("c-countryCode").value = a.countryCode || "";
    keepChoice($("c-preferredChannel"), editing.preferredChannel);
    const forms = $("c-preferredFormat");
    if (editing.preferredFormat && ![...forms.options].some((o) => o.value === editing.preferredFormat)) forms.append(option(editing.preferredFormat, editing.preferredFormat));
    forms.value = editing.preferredFormat || "";
    $("c-buyerReference").value = editing.buyerReference || "";
    $("c-electronicAddress").value = editing.electronicAddress || "";
    document.querySelectorAll("#customer-form .create-only").forEach((e) => { e.hidden = !!editing.id; });
    $("customer-title").textContent = editing.id ? tf("editCustomer", editing.name) : t("newCustomer");
    const hint = $("customer-hint");
    hint.hidden = !bounce;
    hint.textContent = bounce ? tf("bounceHint", when(how.until)) : "";
    $("customer-outcome").textContent = "";
    $("customer-outcome").className = "outcome";
    clearFieldErrors();
    $("customer-form").hidden = false;
    updateHash();
    if (!how || how.scroll !== false) {
      $("customer-form").scrollIntoView({ behavior: "smooth" });
      (bounce ? $("c-emails") : $("c-name")).focus({ preventScroll: true });
    }
  }

  function clearFieldErrors() {
    document.querySelectorAll("#customer-form .field-error").forEach((e) => { e.textContent = ""; e.title = ""; });
    document.querySelectorAll("#customer-form [aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  function customerInput() {
    const v = (id) => $(id).value.trim();
    const address = ["c-line1", "c-line2", "c-postCode", "c-city", "c-countryCode"].some((id) => v(id))
      ? { line1: v("c-line1"), line2: v("c-line2"), city: v("c-city"), postCode: v("c-postCode"), countryCode: v("c-countryCode").toUpperCase() }
      : null;
    const input = {
      name: v("c-name"),
      emails: v("c-emails").split(/[,;\s]+/).filter((e) => e),
      language: v("c-language") || null,
      address: address,
      preferredChannel: v("c-preferredChannel") || null,
      preferredFormat: v("c-preferredFormat") || null,
      buyerReference: v("c-buyerReference") || null,
      electronicAddress: v("c-electronicAddress") || null
    };
    if (!editing.id) input.vatId = v("c-vatId") || null;
    return input;
  }

  async function saveCustomer(event) {
    event.preventDefault();
    const outcome = $("customer-outcome");
    const save = $("customer-save");
    clearFieldErrors();
    outcome.textContent = "";
    outcome.className = "outcome";
    const input = customerInput();
    save.disabled = true;
    try {
      const saved = editing.id
        ? await api(inDossier("/customers/" + encodeURIComponent(editing.id)), json("PUT", input))
        : await api(inDossier("/customers"), json("POST", input));
      editing = saved;
      $("customer-title").textContent = tf("editCustomer", saved.name);
      document.querySelectorAll("#customer-form .create-only").forEach((e) => { e.hidden = true; });
      $("customer-hint").hidden = true;
      outcome.textContent = t("saved");
      outcome.classList.add("ACCEPTED");
      updateHash();
      loadCustomers();
      // corrected addresses send the bounced invoices again: the invoice shown follows them
      if (shown && !$("detail").hidden) { watchDelay = 1500; show(shown, false, true).catch(() => {}); }
    } catch (e) {
      outcome.classList.add("REJECTED");
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length) {
        const elsewhere = showFieldErrors(e.problem.errors, input.emails);
        outcome.textContent = elsewhere.length ? t("invalidCustomer") + " " + elsewhere.join("; ") : t("invalidCustomer");
      } else if (e.status === 409) {
        outcome.textContent = t("customerExists");
      } else {
        outcome.textContent = t("saveFailed") + ": " + e.message;
      }
    } finally {
      save.disabled = false;
    }
  }

  // each refused attribute's error next to its field, in the page's language; returns the server's
  // words for attributes that have no field here
  function showFieldErrors(errors, emails) {
    const elsewhere = [];
    const byAttribute = new Map();
    errors.forEach((f) => {
      if (!byAttribute.has(f.attribute)) byAttribute.set(f.attribute, []);
      byAttribute.get(f.attribute).push(f.message);
    });
    byAttribute.forEach((said, attribute) => {
      const place = [...document.querySelectorAll("#customer-form .field-error")].find((e) => e.dataset.for === attribute);
      if (!place) { elsewhere.push(attribute + ": " + said.join(", ")); return; }
      let text = Object.prototype.hasOwnProperty.call(messages, "error." + attribute) ? t("error." + attribute) : said.join(", ");
      if (attribute === "emails") {
        // which of the addresses typed: those the server names
        const wrong = emails.filter((a) => said.some((s) => s.endsWith(": " + a.slice(0, 80))));
        if (wrong.length) text += " " + tf("error.emailsWrong", wrong.join(", "));
      }
      place.textContent = text;
      place.title = said.join("\n");
      const input = place.previousElementSibling;
      if (input) input.setAttribute("aria-invalid", "true");
    });
    return elsewhere;
  }

  function closeCustomer() {
    $("customer-form").hidden = true;
    editing = null;
    updateHash();
  }

  function wire() {
    const drop = $("drop");
    ["dragenter", "dragover"].forEach((n) => drop.addEventListener(n, (e) => { e.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "drop"].forEach((n) => drop.addEventListener(n, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
    drop.addEventListener("drop", (e) => [...e.dataTransfer.files].forEach(upload));
    $("files").addEventListener("change", (e) => { [...e.target.files].forEach(upload); e.target.value = ""; });
    $("dossier").addEventListener("change", (e) => {
      dossier = e.target.value;
      localStorage.setItem("facteur.dossier", dossier);
      $("detail").hidden = true;
      shown = null;
      clearTimeout(watch);
      closeCustomer();
      loadInvoices();
      loadCustomers();
      announce("facteur:dossier");
    });
    $("language").addEventListener("change", (e) => setLanguage(e.target.value));
    $("customer-search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadCustomers, 250); });
    $("customer-new").addEventListener("click", () => openCustomer(null, null));
    $("customer-form").addEventListener("submit", saveCustomer);
    $("customer-cancel").addEventListener("click", closeCustomer);
    // an invoice issued on the page (invoicing.js) enters the dossier and its buyer the directory
    document.addEventListener("facteur:issued", () => { loadInvoices().catch(() => {}); loadCustomers().catch(() => {}); });
    // a link to an invoice or a customer followed within the page (the page itself only replaces it)
    window.addEventListener("hashchange", () => {
      const hash = new URLSearchParams(location.hash.slice(1));
      if (!dossier || (hash.get("dossier") && hash.get("dossier") !== dossier)) { location.reload(); return; }
      const invoice = hash.get("invoice");
      if (invoice && invoice !== shown) show(invoice).catch((e) => { $("detail-reason").textContent = e.message; });
      const customer = hash.get("customer");
      if (customer && (!editing || editing.id !== customer)) {
        api(inDossier("/customers/" + encodeURIComponent(customer))).then((k) => openCustomer(k, null, { scroll: !invoice })).catch(() => {});
      }
    });
  }

  const preferred = localStorage.getItem("facteur.language") || (navigator.language || "fr").slice(0, 2);
  const initial = ["fr", "en", "de"].includes(preferred) ? preferred : "fr";
  $("language").value = initial;
  wire();
  setLanguage(initial).then(loadChannels).then(loadDossiers).catch((e) => $("uploads").replaceChildren(el("li", e.message)));
})();
