export declare function requestLineFields(request: {
  requestId?: string;
  method: string;
  url: string;
  status: number;
  durationNs: number;
  clientIp?: string;
  traceId?: string;
  spanId?: string;
}): Record<string, unknown>;
