// The form: shows a configuration, validates each edit next to its control, and hands a valid new
// configuration to the page. Nothing here throws on bad input.
import {
  demoResolution,
  FIELDS,
  scenarioFields,
  validateField,
  validateViewField,
  VIEW_FIELDS,
  type DemoConfig,
  type Field,
  type ViewField,
  type ViewSettings,
} from './config.js';

function input(field: Field): HTMLInputElement | HTMLSelectElement {
  return document.getElementById(field) as HTMLInputElement | HTMLSelectElement;
}

export function showFieldError(field: Field, message: string | null): void {
  const el = document.getElementById(`err-${field}`)!;
  el.textContent = message ?? '';
  input(field).setAttribute('aria-invalid', message ? 'true' : 'false');
}

export function showConfig(config: DemoConfig): void {
  for (const field of FIELDS) input(field).value = String(config[field]);
  const used = new Set<string>(scenarioFields(config.scenario));
  for (const label of document.querySelectorAll<HTMLLabelElement>('label[data-for]')) {
    const field = label.querySelector('input')!.id;
    const show = used.has(field);
    label.hidden = !show;
    if (!show) showFieldError(field as Field, null);
  }
}

/** Calls `apply` with the edited configuration whenever a control changes to a valid value. */
export function bindControls(current: () => DemoConfig, apply: (next: DemoConfig) => void): void {
  for (const field of FIELDS) {
    input(field).addEventListener('change', () => {
      const v = validateField(field, input(field).value);
      if (!v.ok) {
        showFieldError(field, v.error);
        return;
      }
      showFieldError(field, null);
      const next = { ...current(), [field]: v.value } as DemoConfig;
      // The resolution guard: unresolved data is refused next to N unless the policy allows it.
      const resolution = demoResolution(next);
      if (!resolution.resolved && next.unresolved === 'refuse') {
        showFieldError('n', `${resolution.message} — or choose "allow" under unresolved data`);
        return;
      }
      showFieldError('n', null);
      apply(next);
    });
  }
}

export function bindButtons(handlers: { play: () => void; step: () => void; reset: () => void }): void {
  for (const name of ['play', 'step', 'reset'] as const) {
    document.getElementById(name)!.addEventListener('click', () => handlers[name]());
  }
}

export function setPlayLabel(playing: boolean): void {
  document.getElementById('play')!.textContent = playing ? 'pause' : 'play';
}

const VIEW_INPUT_IDS: Record<ViewField, string> = { speed: 'speed', slices: 'slices-view', tEnd: 't-end' };

function viewInput(field: ViewField): HTMLInputElement | HTMLSelectElement {
  return document.getElementById(VIEW_INPUT_IDS[field]) as HTMLInputElement | HTMLSelectElement;
}

export function showViewError(field: ViewField, message: string | null): void {
  document.getElementById(`err-${field}`)!.textContent = message ?? '';
  viewInput(field).setAttribute('aria-invalid', message ? 'true' : 'false');
}

export function showView(view: ViewSettings): void {
  for (const field of VIEW_FIELDS) viewInput(field).value = String(view[field]);
}

/** Calls `apply` with the edited display settings (these never rebuild the run). */
export function bindView(current: () => ViewSettings, apply: (next: ViewSettings) => void): void {
  for (const field of VIEW_FIELDS) {
    viewInput(field).addEventListener('change', () => {
      const v = validateViewField(field, viewInput(field).value);
      if (!v.ok) {
        showViewError(field, v.error);
        return;
      }
      showViewError(field, null);
      apply({ ...current(), [field]: v.value } as ViewSettings);
    });
  }
}
