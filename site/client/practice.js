// @ts-check
// The Practice page: spaced-repetition review of the interview cards and timed mock interviews,
// driven from the keyboard. Scheduling is the workbook's own deck module (core/practice/deck.ts,
// compiled at build time) over ts-fsrs, the same code `npm run practice` runs; the learner's
// state lives in localStorage. Everything it needs is on the page or beside it in assets/.

/** @typedef {typeof import('../../core/practice/deck.ts')} DeckModule */
/** @typedef {import('../../core/practice/deck.ts').Deck} Deck */
/** @typedef {import('../../core/practice/deck.ts').PracticeState} PracticeState */
/** @typedef {import('../../core/practice/deck.ts').RatingName} RatingName */
/**
 * @typedef {{ id: string, chapter: string, chapterTitle: string, question: string, keyPoints: string[],
 *   questionHtml: string, pointsHtml: string[], answerHref: string }} PageCard
 */

const STATE_KEY = 'workbook-practice';
const SETTINGS_KEY = 'workbook-practice-settings';
const MOCK_QUESTIONS = 5;
const MOCK_SECONDS = 4 * 60;

const app = /** @type {HTMLElement | null} */ (document.getElementById('practice-app'));
const base = document.body.dataset.base ?? '';

/** @param {string} tag @param {Record<string, string>} [attributes] @param {(Node | string)[]} [children] */
function h(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** @param {string} html */
function fromHtml(html) {
  const span = document.createElement('span');
  // The HTML was rendered at build time from the workbook's own Markdown.
  span.innerHTML = html;
  return span;
}

/** @returns {PageCard[]} */
function readCards() {
  return [...document.querySelectorAll('li.card[data-card]')].map((item) => {
    const element = /** @type {HTMLElement} */ (item);
    const section = element.closest('section');
    const points = [...element.querySelectorAll('.card-points > li')];
    return {
      id: element.dataset.card ?? '',
      chapter: element.dataset.chapter ?? '',
      chapterTitle: section?.querySelector('h3')?.textContent?.trim() ?? '',
      question: element.dataset.question ?? '',
      keyPoints: points.map((p) => p.textContent ?? ''),
      questionHtml: element.querySelector('.card-question')?.innerHTML ?? '',
      pointsHtml: points.map((p) => p.innerHTML),
      answerHref: element.querySelector('.card-answer a')?.getAttribute('href') ?? '',
    };
  });
}

// ---- storage ---------------------------------------------------------------------------------

/** Local storage, or a stand-in that forgets when storage is disabled. */
const storage = (() => {
  try {
    const probe = `${STATE_KEY}-probe`;
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return { persistent: true, get: (/** @type {string} */ k) => localStorage.getItem(k), set: (/** @type {string} */ k, /** @type {string} */ v) => localStorage.setItem(k, v), remove: (/** @type {string} */ k) => localStorage.removeItem(k) };
  } catch {
    /** @type {Map<string, string>} */
    const memory = new Map();
    return { persistent: false, get: (/** @type {string} */ k) => memory.get(k) ?? null, set: (/** @type {string} */ k, /** @type {string} */ v) => void memory.set(k, v), remove: (/** @type {string} */ k) => void memory.delete(k) };
  }
})();

/**
 * The saved state; an unreadable one is kept under another key (never thrown away) and a new
 * one started, and the returned note says so.
 * @param {DeckModule} deck @returns {{ state: PracticeState, note: string }}
 */
function loadState(deck) {
  const text = storage.get(STATE_KEY);
  if (text === null) return { state: deck.emptyState(), note: '' };
  try {
    return { state: deck.parseState(text), note: '' };
  } catch (error) {
    const aside = `${STATE_KEY}.unreadable-${new Date().toISOString()}`;
    storage.set(aside, text);
    storage.remove(STATE_KEY);
    const reason = error instanceof Error ? error.message : String(error);
    return { state: deck.emptyState(), note: `Your saved practice could not be read (${reason}). It was kept in this browser's storage as “${aside}”, and a new one was started.` };
  }
}

/** @returns {{ newPerDay?: number, chapter?: string }} */
function loadSettings() {
  try {
    const parsed = JSON.parse(storage.get(SETTINGS_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

// ---- the app ---------------------------------------------------------------------------------

/** @param {Date} date */
function when(date) {
  return date.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** @param {number} seconds */
function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Keys typed into a text field or a menu belong to it; a checkbox or a button takes no text. @param {EventTarget | null} target */
function isTyping(target) {
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return target instanceof HTMLElement && (target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * @param {HTMLElement} root
 * @param {DeckModule} module
 * @param {PageCard[]} cards
 */
function start(root, module, cards) {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const settings = loadSettings();
  const defaultNew = Number(root.dataset.newPerDay) || module.DEFAULT_NEW_PER_DAY;
  let newPerDay = Number.isInteger(settings.newPerDay) && /** @type {number} */ (settings.newPerDay) >= 0 ? /** @type {number} */ (settings.newPerDay) : defaultNew;
  let chapter = settings.chapter && cards.some((c) => c.chapter === settings.chapter) ? settings.chapter : '';
  const loaded = loadState(module);
  /** @type {Deck} */
  let deck = new module.Deck(cards, loaded.state, { newPerDay });
  const notes = [loaded.note, ...deck.moved.map((m) => `A question was reworded: your history of “${m.from}” now belongs to “${m.to}”.`)].filter(Boolean);
  if (!storage.persistent) notes.push('This browser does not let the page store anything, so this session is forgotten when you leave the page.');
  const save = () => storage.set(STATE_KEY, module.serializeState(deck.state));
  if (deck.moved.length) save();

  /** The keys of the current view; `null` while no view takes keys. @type {((event: KeyboardEvent) => boolean) | null} */
  let onKey = null;
  /** @type {(() => void) | null} */
  let stopTimer = null;
  /** The card a "practise this card" link asked for, shown first. @type {string | undefined} */
  let asked;

  const status = h('p', { class: 'practice-status', role: 'status' });
  const view = h('div', { class: 'practice-view' });
  root.replaceChildren(view, status);
  root.hidden = false;

  /** @param {string} text */
  const say = (text) => {
    status.textContent = text;
  };

  /** @param {HTMLElement} element */
  const focus = (element) => {
    element.setAttribute('tabindex', '-1');
    element.focus();
  };

  const saveSettings = () => storage.set(SETTINGS_KEY, JSON.stringify({ newPerDay, chapter }));

  // ---- dashboard ----

  function dashboard() {
    stopTimer?.();
    stopTimer = null;
    const now = new Date();
    const stats = deck.stats(now);
    const counts = deck.counts(now, { chapter: chapter || undefined });
    const chapters = [...new Map(cards.map((c) => [c.chapter, c.chapterTitle])).entries()];
    const select = /** @type {HTMLSelectElement} */ (h('select', { id: 'practice-chapter' }, [h('option', { value: '' }, ['Every chapter']), ...chapters.map(([slug, title]) => h('option', { value: slug }, [title]))]));
    select.value = chapter;
    select.addEventListener('change', () => {
      chapter = select.value;
      saveSettings();
      dashboard();
    });
    const fresh = /** @type {HTMLInputElement} */ (h('input', { id: 'practice-new', type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric', value: String(newPerDay) }));
    fresh.addEventListener('change', () => {
      const value = Number(fresh.value);
      if (!Number.isInteger(value) || value < 0 || value > 100) {
        fresh.value = String(newPerDay);
        return;
      }
      newPerDay = value;
      saveSettings();
      deck = new module.Deck(cards, deck.state, { newPerDay });
      dashboard();
    });
    const retention = stats.retention === undefined ? '—' : `${Math.round(stats.retention * 100)} %`;
    const upNext = deck.next(now, { chapter: chapter || undefined });
    const label = counts.due + counts.new ? `Start: ${counts.due} due, ${counts.new} new` : upNext ? 'Start: cards still in their learning steps' : 'Nothing is due now';
    const begin = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'practice-primary', id: 'practice-start' }, [label]));
    begin.disabled = !upNext;
    begin.addEventListener('click', () => review());
    const mock = h('button', { type: 'button', id: 'practice-mock' }, ['Mock interview']);
    mock.addEventListener('click', () => mockInterview());
    const summary = h('dl', { class: 'practice-stats' }, [
      h('dt', {}, ['Due today']), h('dd', {}, [String(stats.dueToday)]),
      h('dt', {}, ['Reviewed today']), h('dd', {}, [String(stats.reviewedToday)]),
      h('dt', {}, ['Streak']), h('dd', {}, [`${stats.streak} day${stats.streak === 1 ? '' : 's'}`]),
      h('dt', {}, ['Retention']), h('dd', {}, [retention]),
    ]);
    const heading = h('h2', { id: 'practice-heading' }, ['Your cards']);
    view.replaceChildren(
      heading,
      summary,
      h('div', { class: 'practice-options' }, [h('label', { for: 'practice-chapter' }, ['Chapter']), select, h('label', { for: 'practice-new' }, ['New cards a day']), fresh]),
      h('p', { class: 'practice-actions' }, [begin, ' ', mock]),
      h('p', { class: 'practice-hint' }, ['Enter starts, m starts a mock interview.']),
      ...notes.map((note) => h('p', { class: 'practice-note' }, [note])),
    );
    onKey = (event) => {
      if (event.key === 'Enter' && !begin.disabled && !(event.target instanceof HTMLButtonElement)) {
        review();
        return true;
      }
      if (event.key === 'm') {
        mockInterview();
        return true;
      }
      return false;
    };
  }

  // ---- review ----

  function review() {
    stopTimer?.();
    const now = new Date();
    const requested = asked ? byId.get(asked) : undefined;
    asked = undefined;
    const next = requested ?? deck.next(now, { chapter: chapter || undefined });
    if (!next) {
      const upcoming = cards.map((c) => deck.due(c.id)).filter((d) => d && d.getTime() > now.getTime()).sort((a, b) => /** @type {Date} */ (a).getTime() - /** @type {Date} */ (b).getTime())[0];
      dashboard();
      say(`Done for now.${upcoming ? ` The next card is due in ${module.describeWait(now, upcoming)} (${when(upcoming)}).` : ''}`);
      return;
    }
    const card = /** @type {PageCard} */ (byId.get(next.id));
    const phase = deck.phase(card.id);
    const counts = deck.counts(now, { chapter: chapter || undefined });
    const question = h('h2', { class: 'practice-question', id: 'practice-question' }, [fromHtml(card.questionHtml)]);
    const reworded = deck.rewordedFrom(card.id);
    const reveal = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'practice-primary', id: 'practice-reveal' }, ['Show the key points (Space)']));
    const back = h('div', { class: 'practice-back', id: 'practice-back' });
    back.hidden = true;
    const stop = h('button', { type: 'button', class: 'practice-stop' }, ['Stop (Esc)']);
    stop.addEventListener('click', () => dashboard());
    const label = phase === 'new' ? 'new card' : phase === 'review' ? 'review' : phase;
    view.replaceChildren(
      h('p', { class: 'practice-meta' }, [`${card.chapterTitle} · ${label} · ${counts.due} due, ${counts.new} new left`]),
      question,
      ...(reworded ? [h('p', { class: 'practice-note' }, [`This question was reworded since your last review; it used to read: “${reworded}”. Your history with it is kept.`])] : []),
      h('p', { class: 'practice-prompt' }, ['Answer out loud, then check yourself.']),
      reveal,
      back,
      h('p', { class: 'practice-actions' }, [stop]),
    );
    focus(question);

    const show = () => {
      if (!back.hidden) return;
      const preview = deck.preview(card.id, new Date());
      const ratings = module.RATINGS.map((r) => {
        const button = h('button', { type: 'button', 'data-rating': r.name, 'aria-keyshortcuts': r.key }, [h('kbd', {}, [r.key]), ` ${r.label} `, h('span', { class: 'practice-wait' }, [module.describeWait(new Date(), preview[r.name])])]);
        button.addEventListener('click', () => rate(r.name));
        return button;
      });
      back.replaceChildren(
        h('h3', {}, ['Key points']),
        h('ul', { class: 'practice-points' }, card.pointsHtml.map((html) => h('li', {}, [fromHtml(html)]))),
        h('p', {}, [h('a', { href: base + card.answerHref }, ['Read the full answer'])]),
        h('div', { class: 'practice-ratings', role: 'group', 'aria-labelledby': 'practice-recall' }, [h('p', { id: 'practice-recall' }, ['How well did you recall it?']), ...ratings]),
      );
      back.hidden = false;
      reveal.remove();
      /** @type {HTMLElement} */ (ratings[2]).focus();
    };
    reveal.addEventListener('click', show);

    /** @param {RatingName} rating */
    const rate = (rating) => {
      const at = new Date();
      const { due } = deck.rate(card.id, rating, at);
      save();
      const name = module.RATINGS.find((r) => r.name === rating)?.label ?? rating;
      review();
      say(`${name}: next review of the last card in ${module.describeWait(at, due)} (${when(due)}).`);
    };

    onKey = (event) => {
      if (back.hidden && (event.key === ' ' || event.key === 'Enter') && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) {
        show();
        return true;
      }
      if (back.hidden && event.key === ' ') return false;
      const rating = module.RATINGS.find((r) => r.key === event.key);
      if (rating) {
        if (back.hidden) show();
        else rate(rating.name);
        return true;
      }
      if (event.key === 'Escape') {
        dashboard();
        return true;
      }
      return false;
    };
  }

  // ---- mock interview ----

  function mockInterview() {
    stopTimer?.();
    const pool = chapter ? cards.filter((c) => c.chapter === chapter) : cards;
    const drawn = module.drawMock(pool, MOCK_QUESTIONS);
    /** @type {{ card: PageCard, text: string, seconds: number, timedOut: boolean, hit: number }[]} */
    const answers = [];

    /** @param {number} index */
    const ask = (index) => {
      const card = drawn[index];
      if (!card) return finish();
      const started = Date.now();
      const countdown = h('p', { class: 'practice-countdown', role: 'timer', 'aria-live': 'off' }, [`${clock(MOCK_SECONDS)} left`]);
      const question = h('h2', { class: 'practice-question', id: 'practice-question' }, [fromHtml(card.questionHtml)]);
      const answer = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: 'mock-answer', rows: '6' }));
      const done = h('button', { type: 'button', class: 'practice-primary' }, ['Done: show the key points (Ctrl+Enter)']);
      view.replaceChildren(
        h('p', { class: 'practice-meta' }, [`Mock interview · question ${index + 1} of ${drawn.length} · ${card.chapterTitle}`]),
        countdown,
        question,
        h('label', { for: 'mock-answer' }, ['Your answer (optional; you can also answer out loud)']),
        answer,
        h('p', { class: 'practice-actions' }, [done]),
      );
      focus(question);
      let finished = false;
      /** @param {boolean} timedOut */
      const end = (timedOut) => {
        if (finished) return;
        finished = true;
        stopTimer?.();
        stopTimer = null;
        checklist(card, answer.value, Math.min(MOCK_SECONDS, (Date.now() - started) / 1000), timedOut, index);
      };
      let announced = MOCK_SECONDS;
      const tick = () => {
        const left = MOCK_SECONDS - (Date.now() - started) / 1000;
        countdown.textContent = `${clock(left)} left`;
        countdown.classList.toggle('practice-countdown-low', left <= 30);
        // Screen readers hear the time at each minute and at 30 seconds, not every second.
        const mark = [180, 120, 60, 30].find((m) => left <= m && announced > m);
        if (mark !== undefined) {
          announced = mark;
          say(`${clock(mark)} left.`);
        }
        if (left <= 0) {
          say('Time is up.');
          end(true);
        }
      };
      const timer = setInterval(tick, 250);
      stopTimer = () => clearInterval(timer);
      done.addEventListener('click', () => end(false));
      onKey = (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          end(false);
          return true;
        }
        if (event.key === 'Escape') {
          dashboard();
          say('Mock interview stopped.');
          return true;
        }
        return false;
      };
    };

    /** @param {PageCard} card @param {string} text @param {number} seconds @param {boolean} timedOut @param {number} index */
    const checklist = (card, text, seconds, timedOut, index) => {
      const boxes = card.pointsHtml.map((html, i) => {
        const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `mock-point-${i}` }));
        return { box, item: h('li', {}, [box, ' ', h('label', { for: `mock-point-${i}` }, [h('kbd', {}, [String(i + 1)]), ' ', fromHtml(html)])]) };
      });
      const next = h('button', { type: 'button', class: 'practice-primary' }, [index + 1 < drawn.length ? 'Next question (Enter)' : 'See the summary (Enter)']);
      const heading = h('h2', { id: 'practice-question' }, ['Which key points did your answer make?']);
      view.replaceChildren(
        h('p', { class: 'practice-meta' }, [`Mock interview · question ${index + 1} of ${drawn.length}${timedOut ? ' · time ran out' : ''}`]),
        heading,
        h('p', { class: 'practice-question-small' }, [fromHtml(card.questionHtml)]),
        h('fieldset', { class: 'practice-checklist' }, [h('legend', {}, ['Tick each point you made']), h('ul', {}, boxes.map((b) => b.item))]),
        h('p', { class: 'practice-actions' }, [next]),
      );
      focus(heading);
      const go = () => {
        answers.push({ card, text, seconds, timedOut, hit: boxes.filter((b) => b.box.checked).length });
        ask(index + 1);
      };
      next.addEventListener('click', go);
      onKey = (event) => {
        const n = Number(event.key);
        if (Number.isInteger(n) && n >= 1 && n <= boxes.length && !event.ctrlKey && !event.metaKey) {
          const { box } = /** @type {{ box: HTMLInputElement }} */ (boxes[n - 1]);
          box.checked = !box.checked;
          return true;
        }
        if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
          go();
          return true;
        }
        if (event.key === 'Escape') {
          dashboard();
          return true;
        }
        return false;
      };
    };

    const finish = () => {
      const hit = answers.reduce((sum, a) => sum + a.hit, 0);
      const of = answers.reduce((sum, a) => sum + a.card.keyPoints.length, 0);
      const used = answers.reduce((sum, a) => sum + a.seconds, 0);
      const rows = answers.map((a, i) =>
        h('tr', {}, [h('td', {}, [String(i + 1)]), h('td', {}, [fromHtml(a.card.questionHtml)]), h('td', {}, [`${a.hit} of ${a.card.keyPoints.length}`]), h('td', {}, [`${clock(a.seconds)}${a.timedOut ? ' (time ran out)' : ''}`])]),
      );
      const again = h('button', { type: 'button', class: 'practice-primary' }, ['Back to your cards (Enter)']);
      again.addEventListener('click', () => dashboard());
      const heading = h('h2', { id: 'practice-question' }, ['Mock interview finished']);
      const typed = answers.filter((a) => a.text.trim());
      view.replaceChildren(
        heading,
        h('p', {}, [`${hit} of ${of} key points in ${answers.length} questions, ${clock(used)} in all.`]),
        h('div', { class: 'table-wrap' }, [h('table', {}, [h('thead', {}, [h('tr', {}, ['#', 'Question', 'Key points made', 'Time used'].map((t) => h('th', { scope: 'col' }, [t])))]), h('tbody', {}, rows)])]),
        ...(typed.length ? [h('h3', {}, ['Your answers']), ...typed.flatMap((a) => [h('p', { class: 'practice-question-small' }, [fromHtml(a.card.questionHtml)]), h('pre', { class: 'practice-answer' }, [a.text])])] : []),
        h('p', { class: 'practice-actions' }, [again]),
      );
      focus(heading);
      say(`Mock interview finished: ${hit} of ${of} key points.`);
      onKey = (event) => {
        if ((event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) || event.key === 'Escape') {
          dashboard();
          return true;
        }
        return false;
      };
    };

    say(`Mock interview: ${drawn.length} questions, ${clock(MOCK_SECONDS)} each.`);
    ask(0);
  }

  document.addEventListener('keydown', (event) => {
    if (!onKey || event.defaultPrevented || event.altKey) return;
    const typing = isTyping(event.target);
    // While typing, only the keys that finish or leave an answer count.
    if (typing && !(event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey)))) return;
    if (!typing && (event.ctrlKey || event.metaKey) && event.key !== 'Enter') return;
    if (onKey(event)) event.preventDefault();
  });

  /** A "practise this card" link: `practice.html#<card id>`. */
  const followHash = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!byId.has(id)) return false;
    asked = id;
    review();
    return true;
  };
  window.addEventListener('hashchange', () => void followHash());
  if (!followHash()) dashboard();
}

if (app) {
  const cards = readCards();
  import(new URL(`${base}assets/practice-deck.js`, location.href).href)
    .then((/** @type {DeckModule} */ module) => start(app, module, cards))
    .catch((error) => {
      app.hidden = false;
      app.textContent = `The practice session could not start: ${error instanceof Error ? error.message : String(error)}`;
    });
}

// A module of its own: nothing here is shared with the page's other scripts.
export {};
