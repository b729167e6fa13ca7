/** "valid until 17:42 (3h 59m)" in local time; the date is added when it is not today. */
export function formatValidity(expiration: Date, now: Date): string {
  const sameDay = expiration.toDateString() === now.toDateString();
  const time = expiration.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const day = sameDay ? '' : `${expiration.toISOString().slice(0, 10)} `;
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
