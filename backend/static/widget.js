/*!
 * Wegwijzer chat widget: an accessible Dutch chat with the Wegwijzer bot on a school's website.
 *
 *   <script src="https://wegwijzer.example/widget.js" data-school="demo"
 *           data-rasa-url="https://bot.wegwijzer.example" defer></script>
 *
 * Plain, dependency-free JavaScript. It talks to Rasa's socket.io channel with the vendored
 * socket.io client (static/vendor/, loaded from the same place as this file) and loads its
 * styles from static/widget.css. Protocol (Rasa 3.6, session_persistence on):
 *   -> session_request {session_id}        <- session_confirm "<session id>"
 *   -> user_uttered {message, session_id, metadata: {school}}
 *   <- bot_uttered {text, quick_replies?: [{title, payload}]} (one event per paragraph)
 * Bot text is always shown as text (textContent), never as HTML; only http(s) addresses in it
 * become links. The session id and the visible conversation live in sessionStorage (this tab
 * only), so a reload continues the conversation; "Sluit en wis" removes both.
 */
(function () {
  "use strict";

  var SOCKET_IO_FILE = "static/vendor/socket.io-4.8.4.min.js";
  var CSS_FILE = "static/widget.css";
  var MAX_STORED_MESSAGES = 300;
  var TYPING_TIMEOUT_MS = 45000;

  var TEXT = {
    launcher: "Chat met Wegwijzer",
    title: "Wegwijzer",
    intro: "Vertel wat er is gebeurd. Je mag anoniem blijven.",
    hide: "Verbergen",
    hideHint: "Je gesprek blijft staan.",
    wipe: "Sluit en wis",
    wipeHint: "Stopt het gesprek en wist het van dit scherm. Doe dit op een computer die je deelt met anderen.",
    log: "Gesprek met Wegwijzer",
    bot: "Wegwijzer: ",
    you: "Jij: ",
    choices: "Kies een antwoord",
    inputLabel: "Jouw bericht",
    placeholder: "Typ je bericht…",
    send: "Verstuur",
    typing: "Wegwijzer typt…",
    connecting: "Even verbinden…",
    offline: "Geen verbinding. We proberen het opnieuw…",
    queued: "Je bericht gaat weg zodra er weer verbinding is.",
    online: "Weer verbonden.",
    slow: "Dit duurt langer dan normaal. Probeer het zo nog eens.",
    wiped: "Het gesprek is gewist.",
    newTab: " (opent in een nieuw tabblad)"
  };

  // --- configuration from the script tag ----------------------------------------------------

  var script = document.currentScript ||
    document.querySelector("script[src*='widget.js'][data-rasa-url]");
  if (!script || window.__wegwijzerWidgetLoaded) {
    return;
  }
  window.__wegwijzerWidgetLoaded = true;

  var school = (script.getAttribute("data-school") || "").trim();
  var rasaUrl = (script.getAttribute("data-rasa-url") || "").trim().replace(/\/+$/, "");
  var initPayload = script.hasAttribute("data-init-payload")
    ? script.getAttribute("data-init-payload") : "/begroeting";
  var assetBase = new URL(".", script.src);
  if (!rasaUrl) {
    if (window.console) { window.console.warn("Wegwijzer: data-rasa-url ontbreekt op de script-tag."); }
    return;
  }

  var KEY = "wegwijzer:" + (school || "-") + ":";
  var store = {
    get: function (name) {
      try { return window.sessionStorage.getItem(KEY + name); } catch (e) { return null; }
    },
    set: function (name, value) {
      try { window.sessionStorage.setItem(KEY + name, value); } catch (e) { /* private mode */ }
    },
    remove: function (name) {
      try { window.sessionStorage.removeItem(KEY + name); } catch (e) { /* private mode */ }
    }
  };

  // --- state --------------------------------------------------------------------------------

  var socket = null;
  var ready = false;          // connected and the session confirmed
  var wasOffline = false;
  var queue = [];             // payloads typed while offline
  var sessionId = store.get("session");
  var transcript = readTranscript();
  var typingTimer = null;
  var greeted = null;         // the session the greeting was asked for
  var uid = "ww-" + Math.random().toString(36).slice(2, 8);

  function readTranscript() {
    try {
      var items = JSON.parse(store.get("transcript") || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }

  function saveTranscript() {
    if (transcript.length > MAX_STORED_MESSAGES) {
      transcript = transcript.slice(-MAX_STORED_MESSAGES);
    }
    store.set("transcript", JSON.stringify(transcript));
  }

  // --- DOM helpers --------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function srOnly(text) {
    return el("span", "ww-sr", text);
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function chatIcon() {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "ww-icon");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  // --- building the widget ------------------------------------------------------------------

  var css = el("link");
  css.rel = "stylesheet";
  css.href = new URL(CSS_FILE, assetBase).href;
  document.head.appendChild(css);

  var root = el("div", "ww-root");
  root.setAttribute("lang", "nl");
  root.setAttribute("data-wegwijzer", "");

  var announcer = el("div", "ww-sr");  // for news while the panel is closed
  announcer.setAttribute("role", "status");

  var launcher = el("button", "ww-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", uid + "-panel");
  launcher.appendChild(chatIcon());
  launcher.appendChild(el("span", "ww-launcher-text", TEXT.launcher));

  var panel = el("section", "ww-panel");
  panel.id = uid + "-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", uid + "-title");
  panel.setAttribute("aria-describedby", uid + "-intro");

  var header = el("div", "ww-header");
  var heading = el("div", "ww-heading");
  var title = el("h2", "ww-title", TEXT.title);
  title.id = uid + "-title";
  var intro = el("p", "ww-intro", TEXT.intro);
  intro.id = uid + "-intro";
  heading.appendChild(title);
  heading.appendChild(intro);

  var actions = el("div", "ww-header-actions");
  var wipeButton = el("button", "ww-button ww-wipe", TEXT.wipe);
  wipeButton.type = "button";
  wipeButton.setAttribute("aria-describedby", uid + "-wipe-hint");
  var wipeHint = el("span", "ww-sr", TEXT.wipeHint);
  wipeHint.id = uid + "-wipe-hint";
  var hideButton = el("button", "ww-button ww-hide", TEXT.hide);
  hideButton.type = "button";
  hideButton.setAttribute("aria-describedby", uid + "-hide-hint");
  var hideHint = el("span", "ww-sr", TEXT.hideHint);
  hideHint.id = uid + "-hide-hint";
  actions.appendChild(wipeButton);
  actions.appendChild(hideButton);
  actions.appendChild(wipeHint);
  actions.appendChild(hideHint);
  header.appendChild(heading);
  header.appendChild(actions);

  var status = el("p", "ww-status");
  status.setAttribute("role", "status");

  var log = el("div", "ww-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", TEXT.log);
  log.tabIndex = 0;  // scrollable with the keyboard

  var typing = el("p", "ww-typing");
  typing.hidden = true;
  typing.appendChild(el("span", "ww-typing-text", TEXT.typing));
  var dots = el("span", "ww-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.appendChild(el("span"));
  dots.appendChild(el("span"));
  dots.appendChild(el("span"));
  typing.appendChild(dots);

  var form = el("form", "ww-form");
  form.setAttribute("novalidate", "");
  var label = el("label", "ww-sr", TEXT.inputLabel);
  label.htmlFor = uid + "-input";
  var input = el("textarea", "ww-input");
  input.id = uid + "-input";
  input.rows = 2;
  input.placeholder = TEXT.placeholder;
  input.setAttribute("autocomplete", "off");
  input.setAttribute("enterkeyhint", "send");
  var sendButton = el("button", "ww-button ww-send", TEXT.send);
  sendButton.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);

  panel.appendChild(header);
  panel.appendChild(status);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(form);

  root.appendChild(announcer);
  root.appendChild(launcher);
  root.appendChild(panel);

  // --- rendering messages -------------------------------------------------------------------

  var URL_RE = /https?:\/\/[^\s<>"']+/g;

  /** Appends text to node, turning http(s) addresses into links; everything stays text. */
  function appendText(node, text) {
    var last = 0;
    var match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      var address = match[0].replace(/[.,;:!?)]+$/, "");
      var start = match.index;
      node.appendChild(document.createTextNode(text.slice(last, start)));
      var parsed = null;
      try { parsed = new URL(address); } catch (e) { parsed = null; }
      if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) {
        var link = el("a", "ww-link", address);
        link.href = parsed.href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.appendChild(srOnly(TEXT.newTab));
        node.appendChild(link);
      } else {
        node.appendChild(document.createTextNode(address));
      }
      last = start + address.length;
      URL_RE.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderMessage(who, text) {
    var item = el("div", "ww-msg ww-msg-" + who);
    item.appendChild(srOnly(who === "bot" ? TEXT.bot : TEXT.you));
    appendText(item, text);
    log.appendChild(item);
    return item;
  }

  function renderChoices(choices) {
    var group = el("div", "ww-choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", TEXT.choices);
    choices.forEach(function (choice) {
      var button = el("button", "ww-button ww-choice", choice.title);
      button.type = "button";
      button.setAttribute("data-payload", choice.payload);
      button.addEventListener("click", function () {
        send(choice.payload, choice.title);
        input.focus();
      });
      group.appendChild(button);
    });
    log.appendChild(group);
  }

  function clearChoices() {
    var groups = log.querySelectorAll(".ww-choices");
    for (var i = 0; i < groups.length; i++) {
      groups[i].parentNode.removeChild(groups[i]);
    }
    if (transcript.length && transcript[transcript.length - 1].choices) {
      delete transcript[transcript.length - 1].choices;
      saveTranscript();
    }
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function choicesOf(message) {
    var raw = message.quick_replies || message.buttons || [];
    var choices = [];
    for (var i = 0; i < raw.length; i++) {
      var b = raw[i] || {};
      if (typeof b.title === "string" && typeof b.payload === "string") {
        choices.push({ title: b.title, payload: b.payload });
      }
    }
    return choices;
  }

  function addEntry(entry) {
    transcript.push(entry);
    saveTranscript();
    renderMessage(entry.who, entry.text);
    if (entry.choices && entry.choices.length) { renderChoices(entry.choices); }
    scrollToEnd();
  }

  function restoreTranscript() {
    transcript.forEach(function (entry, index) {
      renderMessage(entry.who, entry.text);
      if (index === transcript.length - 1 && entry.choices && entry.choices.length) {
        renderChoices(entry.choices);
      }
    });
    scrollToEnd();
  }

  function setStatus(text) {
    status.textContent = text || "";
    status.hidden = !text;
  }

  function showTyping() {
    typing.hidden = false;
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      typing.hidden = true;
      setStatus(TEXT.slow);
    }, TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    typing.hidden = true;
    window.clearTimeout(typingTimer);
  }

  // --- talking to Rasa ----------------------------------------------------------------------

  function metadata() {
    return school ? { school: school } : {};
  }

  function emitMessage(payload) {
    socket.emit("user_uttered", { message: payload, session_id: sessionId, metadata: metadata() });
    showTyping();
  }

  /** Sends a payload; shows `shown` as the person's message (null: send without showing). */
  function send(payload, shown) {
    clearChoices();
    if (shown !== null) { addEntry({ who: "user", text: shown }); }
    if (ready) {
      if (status.textContent === TEXT.slow || status.textContent === TEXT.online) { setStatus(""); }
      emitMessage(payload);
    } else {
      queue.push(payload);
      if (wasOffline) { setStatus(TEXT.offline + " " + TEXT.queued); }
      connect();
    }
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") { return; }
    hideTyping();
    if (status.textContent === TEXT.slow) { setStatus(""); }
    var text = typeof message.text === "string" ? message.text : "";
    var attachment = message.attachment;
    if (!text && attachment && attachment.payload && typeof attachment.payload.src === "string") {
      text = attachment.payload.src;  // an image: shown as its address, a link
    }
    var choices = choicesOf(message);
    if (!text && !choices.length) { return; }
    var entry = { who: "bot", text: text };
    if (choices.length) { entry.choices = choices; }
    addEntry(entry);
  }

  /**
   * Loads the vendored socket.io client and hands its `io` to `callback`. The client sets a
   * global `io`; the school's site may have its own (another version): that one is put back.
   */
  var ioClient = null;
  function loadSocketIo(callback, failed) {
    if (ioClient) { callback(ioClient); return; }
    var hadOwn = Object.prototype.hasOwnProperty.call(window, "io");
    var own = window.io;
    var tag = el("script");
    tag.addEventListener("load", function () {
      ioClient = window.io;
      if (hadOwn) { window.io = own; } else { try { delete window.io; } catch (e) { window.io = undefined; } }
      if (typeof ioClient === "function") { callback(ioClient); } else { ioClient = null; failed(); }
    });
    tag.addEventListener("error", failed);
    tag.src = new URL(SOCKET_IO_FILE, assetBase).href;
    tag.async = true;
    document.head.appendChild(tag);
  }

  function connect() {
    if (socket) { return; }
    socket = {};  // connecting: a placeholder so that a second call does nothing
    setStatus(TEXT.connecting);
    loadSocketIo(function (io) {
      if (!socket || socket.emit) { return; }  // wiped meanwhile, or already connected
      var s = io(rasaUrl, { forceNew: true, reconnectionDelayMax: 10000 });
      socket = s;
      s.on("connect", function () {
        s.emit("session_request", { session_id: sessionId });
      });
      s.on("session_confirm", function (confirmed) {
        if (s !== socket) { return; }
        var id = typeof confirmed === "string" ? confirmed
          : (confirmed && typeof confirmed.session_id === "string" ? confirmed.session_id : null);
        if (!id) { return; }
        sessionId = id;
        store.set("session", id);
        ready = true;
        setStatus(wasOffline ? TEXT.online : "");
        wasOffline = false;
        if (!transcript.length && !queue.length && initPayload && greeted !== id) {
          greeted = id;
          emitMessage(initPayload);  // the bot's greeting, without a visible message of ours
        }
        while (queue.length) { emitMessage(queue.shift()); }
      });
      s.on("bot_uttered", function (message) {
        if (s === socket) { onBotMessage(message); }
      });
      s.on("disconnect", function (reason) {
        ready = false;
        if (s === socket && reason !== "io client disconnect") {
          wasOffline = true;
          hideTyping();
          setStatus(TEXT.offline);
          if (reason === "io server disconnect") { s.connect(); }  // not retried by itself
        }
      });
      s.on("connect_error", function () {
        if (s === socket) {
          wasOffline = true;
          setStatus(TEXT.offline);
        }
      });
    }, function () {
      socket = null;  // the client could not load: the next message tries again
      wasOffline = true;
      setStatus(TEXT.offline);
    });
  }

  // --- opening, closing, wiping -------------------------------------------------------------

  function isOpen() {
    return !panel.hidden;
  }

  function open() {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("ww-open");
    store.set("open", "1");
    scrollToEnd();
    input.focus();
    connect();
  }

  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("ww-open");
    store.remove("open");
    launcher.focus();
  }

  /**
   * Tells the bot to stop the conversation `id` and closes its connection: a new session gets a
   * new connection, so no reply of the old one can reach the screen. Not connected (yet): the
   * old connection sends the stop as soon as it is, then closes.
   */
  function stopSession(old, id) {
    if (!old || !old.emit) { return; }  // nothing connected, or the client is still loading
    old.off();  // from now on, nothing of it reaches the screen
    if (!id) { old.disconnect(); return; }
    var stop = { message: "/stoppen", session_id: id, metadata: metadata() };
    if (old.connected) {
      old.emit("user_uttered", stop);
      old.disconnect();  // sends what is queued first
      return;
    }
    old.once("connect", function () {
      old.emit("user_uttered", stop);
      old.disconnect();
    });
    window.setTimeout(function () { old.disconnect(); }, 15000);
  }

  /** Ends the conversation for good on this device: the bot stops, and nothing is left. */
  function wipe() {
    stopSession(socket, sessionId);
    socket = null;
    ready = false;
    wasOffline = false;
    sessionId = null;
    greeted = null;
    transcript = [];
    queue = [];
    store.remove("session");
    store.remove("transcript");
    store.remove("open");
    while (log.firstChild) { log.removeChild(log.firstChild); }
    input.value = "";
    hideTyping();
    setStatus("");
    close();
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = TEXT.wiped; }, 50);
  }

  launcher.addEventListener("click", open);
  hideButton.addEventListener("click", close);
  wipeButton.addEventListener("click", wipe);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    send(text, text);
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter starts a new line; not while composing (IME).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); }
      else { form.dispatchEvent(new Event("submit", { cancelable: true })); }
    }
  });

  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    // Full screen on a small screen: keep Tab inside the chat, the page behind is covered.
    if (event.key === "Tab" && window.matchMedia("(max-width: 40em)").matches) {
      var focusable = panel.querySelectorAll("button:not([disabled]), textarea, a[href], [tabindex='0']");
      if (!focusable.length) { return; }
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  function mount() {
    document.body.appendChild(root);
    setStatus("");
    restoreTranscript();
    if (store.get("open") === "1") {
      panel.hidden = false;
      launcher.hidden = true;
      launcher.setAttribute("aria-expanded", "true");
      root.classList.add("ww-open");
      connect();
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
