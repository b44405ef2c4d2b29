// The interface's texts (macros/strings.yml, with the framework's strings.yml
// over it), by key: the twin of macros/strings.py. "{name}" in a text takes
// params.name; a missing key shows as itself; a placeholder without a value
// stays as it is. A plural is two keys, "<key>_one" and "<key>", chosen where
// the number is known, so that every call names its key literally.
export function translator(strings = {}) {
  return (key, params = {}) => {
    const text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
  };
}
