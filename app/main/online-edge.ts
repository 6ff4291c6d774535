// When the network comes back, refresh at once. Pure: true only on an offline → online edge.
export function cameOnline(previous: boolean, current: boolean): boolean {
  return !previous && current;
}
