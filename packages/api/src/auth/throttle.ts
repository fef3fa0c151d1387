/**
 * Login throttling with rate-limiter-flexible (in memory: one process is the whole product).
 * Failed attempts count per account and per client IP inside a fixed window; a successful
 * login clears the account's counter. When either counter is full, login is refused with
 * TOO_MANY_REQUESTS before the password is even checked.
 */
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  /** Failed attempts allowed per account in the window (default 5). */
  perAccount?: number;
  /** Failed attempts allowed per IP in the window (default 20). */
  perIp?: number;
  /** Window in seconds (default 15 minutes). */
  windowSeconds?: number;
}

export class LoginThrottle {
  private readonly account: RateLimiterMemory;
  private readonly ip: RateLimiterMemory;
  readonly perAccount: number;
  readonly perIp: number;

  constructor(opts: LoginThrottleOptions = {}) {
    this.perAccount = opts.perAccount ?? 5;
    this.perIp = opts.perIp ?? 20;
    const duration = opts.windowSeconds ?? 15 * 60;
    this.account = new RateLimiterMemory({ keyPrefix: 'login_account', points: this.perAccount, duration });
    this.ip = new RateLimiterMemory({ keyPrefix: 'login_ip', points: this.perIp, duration });
  }

  /** Milliseconds until a login for this account from this IP may be tried again; 0 when allowed now. */
  async retryAfterMs(username: string, ip: string | null): Promise<number> {
    const [a, i] = await Promise.all([this.account.get(username), this.ip.get(ipKey(ip))]);
    let wait = 0;
    if (a && a.consumedPoints >= this.perAccount) wait = Math.max(wait, a.msBeforeNext);
    if (i && i.consumedPoints >= this.perIp) wait = Math.max(wait, i.msBeforeNext);
    return wait;
  }

  /** Record a failure; returns the wait (ms) if this failure filled a counter, else 0. */
  async fail(username: string, ip: string | null): Promise<number> {
    const results = await Promise.all([consume(this.account, username), consume(this.ip, ipKey(ip))]);
    const [a, i] = results;
    let wait = 0;
    if (a.consumedPoints >= this.perAccount) wait = Math.max(wait, a.msBeforeNext);
    if (i.consumedPoints >= this.perIp) wait = Math.max(wait, i.msBeforeNext);
    return wait;
  }

  async succeed(username: string): Promise<void> {
    await this.account.delete(username);
  }
}

function ipKey(ip: string | null): string {
  return ip ?? 'unknown';
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (res) {
    // Rejected with a RateLimiterRes once the points are used up; anything else is a real error.
    if (res && typeof res === 'object' && 'msBeforeNext' in res) return res as RateLimiterRes;
    throw res;
  }
}

/** "请在 15 分钟后（14:32 之后）重试" in Beijing time. */
export function retryMessage(waitMs: number, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  const at = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(now.getTime() + waitMs));
  return `登录失败次数过多，请在 ${minutes} 分钟后（北京时间 ${at} 之后）重试`;
}

/** One throttle per process (the default for createContext). */
export const defaultLoginThrottle = new LoginThrottle();
