import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

/**
 * One access-log line per request, when it completes: method, URL, status and response time, with the request id
 * the logger already carries — what uvicorn or nginx print. Fastify's default writes two lines (incoming and
 * completed), which at thousands of requests a second doubles the cost of logging for no extra information.
 */
export class AccessLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTimeMs: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}
