import type { GuideFormField } from '../../../../sync-protocol/index.js';
import { inputLimitsOf } from '../../model/application-form.js';
import styles from './form-field.module.css';

interface Props {
  field: GuideFormField;
  value: string;
  error?: string;
  onInput(value: string): void;
  /** Leaving the field: the moment to say what is wrong with it. */
  onBlur?(value: string): void;
}

/** One generated form field: big label, hint, the input, the problem in words. */
export function FormField({ field, value, error, onInput, onBlur }: Props) {
  const id = `field-${field.key}`;
  // Limits from the application schema: a draft must never hold what the database refuses (a 101-character name).
  const limits = inputLimitsOf(field);
  const common = {
    maxLength: limits.maxLength,
    ...(limits.inputMode ? { inputMode: limits.inputMode } : {}),
    ...(limits.pattern ? { pattern: limits.pattern } : {}),
    id,
    name: field.key,
    'data-testid': id,
    'data-field-type': field.type,
    required: field.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : field.hint ? `${id}-hint` : undefined,
    class: `${styles.input} ${error ? styles.invalid : ''}`,
    value,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
    onChange: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
    onBlur: (e: Event) => onBlur?.((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={styles.field}>
      <label class={styles.label} for={id}>
        {field.label}
        {field.required ? <span class={styles.req}>（必填）</span> : <span class={styles.opt}>（可不填）</span>}
      </label>
      {field.hint && (
        <p id={`${id}-hint`} class={styles.hint}>
          {field.hint}
        </p>
      )}
      {renderInput(field, common)}
      {error && (
        <p id={`${id}-error`} class={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function renderInput(field: GuideFormField, common: Record<string, unknown>) {
  switch (field.type) {
    case 'textarea':
      return <textarea rows={3} {...common} />;
    case 'select':
      return (
        <select {...common}>
          <option value="">请选择</option>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o} ref={keepValueAttribute(o)}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'date': {
      const { maxLength: _, ...rest } = common;
      return <input type="date" {...rest} />;
    }
    case 'number':
      // Text with a number keyboard, not type=number: that one silently empties what it cannot read (约20, 1,5),
      // while here the person sees what was typed and the message beside it.
      return <input type="text" autocomplete="off" {...common} />;
    case 'phone':
      return <input type="tel" autocomplete="tel" {...common} />;
    case 'idNumber':
      return <input type="text" autocomplete="off" autocapitalize="characters" {...common} />;
    case 'creditCode':
      return <input type="text" autocapitalize="characters" {...common} />;
    default:
      return <input type="text" {...common} />;
  }
}

/**
 * Preact sets `value` as a property and skips it when it equals the option's
 * text (the default value), so the `value` attribute never appears; tests and
 * assistive tools that read the attribute would see none. Write it explicitly.
 */
function keepValueAttribute(value: string) {
  return (el: HTMLOptionElement | null) => el?.setAttribute('value', value);
}
