// The page's language: Chinese by default, English by the switch in the header, remembered in localStorage.
// Every UI string is written in both: <span class="zh">…</span><span class="en">…</span> in markup (map.css shows the
// chosen one), data-t="中文|English" for text and data-t-placeholder / data-t-title / data-t-aria-label for attributes.
(function () {
  'use strict';
  const KEY = 'liuyu.lang';

  function stored() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null; // storage refused (private mode): Chinese, not remembered
    }
  }

  function apply(lang) {
    const i = lang === 'en' ? 1 : 0;
    document.body.dataset.lang = lang;
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-t]').forEach(el => { el.textContent = el.dataset.t.split('|')[i]; });
    document.querySelectorAll('[data-t-placeholder]').forEach(el => { el.placeholder = el.dataset.tPlaceholder.split('|')[i]; });
    document.querySelectorAll('[data-t-title]').forEach(el => { el.title = el.dataset.tTitle.split('|')[i]; });
    document.querySelectorAll('[data-t-aria-label]').forEach(el => el.setAttribute('aria-label', el.dataset.tAriaLabel.split('|')[i]));
  }

  const listeners = [];
  const lang = {
    current: () => document.body.dataset.lang === 'en' ? 'en' : 'zh',
    set(value) {
      apply(value);
      try {
        localStorage.setItem(KEY, value);
      } catch (e) {
        // not remembered, still switched
      }
      listeners.forEach(f => f(value));
    },
    /** Re-run after a part of the page is rebuilt with data-t attributes in it. */
    refresh: () => apply(lang.current()),
    onChange: f => listeners.push(f),
  };
  window.liuyuLang = lang;
  apply(stored() === 'en' ? 'en' : 'zh');
  document.getElementById('lang-switch').addEventListener('click', () => lang.set(lang.current() === 'en' ? 'zh' : 'en'));
})();
