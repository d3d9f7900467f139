/** Theme toggle: system → light → dark, stored in localStorage (`cairn.theme`). */
import { useEffect, useState } from "preact/hooks";
import { MonitorIcon, MoonIcon, SunIcon } from "./_components/icons.tsx";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };

function apply(theme: Theme): void {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export default function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const saved = localStorage.getItem("cairn.theme");
    if (saved === "light" || saved === "dark") setTheme(saved);
  }, []);
  const cycle = () => {
    const next = NEXT[theme];
    setTheme(next);
    apply(next);
    if (next === "system") localStorage.removeItem("cairn.theme");
    else localStorage.setItem("cairn.theme", next);
  };
  const label = `Theme: ${theme} (switch to ${NEXT[theme]})`;
  return (
    <button
      type="button"
      class="icon-button"
      onClick={cycle}
      title={label}
      aria-label={label}
      data-theme-choice={theme}
    >
      {theme === "system" ? <MonitorIcon /> : theme === "light" ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
