/** "valid until 17:42 (3h 59m)" in local time; the date is added when it is not today. */
// Formatted by hand: toLocaleTimeString loads ICU data, which costs ~20 ms on the cached path.
export function formatValidity(expiration: Date, now: Date): string {
  const sameDay = localDate(expiration) === localDate(now);
  const time = `${pad(expiration.getHours())}:${pad(expiration.getMinutes())}`;
  const day = sameDay ? '' : `${localDate(expiration)} `;
  return `valid until ${day}${time} (${formatMinutes((expiration.getTime() - now.getTime()) / 60_000)})`;
}

export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return 'expired';
  const whole = Math.floor(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours >= 48) return `${Math.floor(hours / 24)}d ${hours % 24}h`;
  return hours ? `${hours}h ${rest}m` : `${rest}m`;
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
