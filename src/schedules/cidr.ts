/**
 * IPv4/IPv6 addresses and CIDR blocks for the EventBridge `cidr` operator. Node's `net.isIP` tells
 * whether a text is an address, but not its numeric value, and no small library parses both families
 * to one comparable number; this is that much, with EventBridge's error wording.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface CidrBlock {
  family: 4 | 6;
  network: bigint;
  bits: number;
}

/** Parses `a.b.c.d/n` or `x:y::/n`; returns the block or EventBridge's reason for rejecting it. */
export function parseCidr(text: string): CidrBlock | { error: string } {
  const parts = text.split('/');
  if (parts.length !== 2) return { error: "Malformed CIDR, one '/' required" };
  const [ip, maskText] = parts as [string, string];
  if (!/^\d+$/.test(maskText)) return { error: 'Malformed CIDR, mask bits must be an integer' };
  const address = parseIp(ip);
  if (!address) return { error: `Nonstandard IP address: ${ip}` };
  const width = address.family === 4 ? 32 : 128;
  const bits = Number(maskText);
  if (bits < 0 || bits > width) return { error: `Malformed CIDR, mask bits must be between 0 and ${width}` };
  return { family: address.family, network: address.value >> BigInt(width - bits), bits };
}

/** True when `text` is an address of the block's family inside it. */
export function cidrContains(block: CidrBlock, text: string): boolean {
  const address = parseIp(text);
  if (!address || address.family !== block.family) return false;
  const width = block.family === 4 ? 32 : 128;
  return address.value >> BigInt(width - block.bits) === block.network;
}

export function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIPv4(text)) {
    return { family: 4, value: text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n) };
  }
  if (!isIPv6(text) || text.includes('.') || text.includes('%')) return undefined;
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return { family: 6, value: groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n) };
}
