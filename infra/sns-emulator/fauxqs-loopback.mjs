// fauxqs's own CLI binds 0.0.0.0; tests want loopback and a free port, announced on stdout.
import { buildApp } from "fauxqs";

const app = buildApp({ logger: process.env.FAUXQS_LOGGER === "true" });

// Two SNS features fauxqs 2.4.1 lacks, added as AWS documents them so tests can see what each
// subscriber gets:
// - MessageStructure "json": the message is a JSON object of one string per protocol, "default"
//   required; each subscriber gets its protocol's entry, or "default". The whole object counts
//   towards the 256 KB limit.
// - subscribers fauxqs does not deliver to (email, email-json, http(s), lambda, sms): what SNS
//   would send them is recorded, and listed by GET /_cronwatch/deliveries, instead of sent.
const MAX_MESSAGE_BYTES = 262_144;
const otherSubscribers = new Map(); // topic ARN -> [{protocol, endpoint}]
const deliveries = [];

function invalidParameter(reply, message) {
  reply.code(400).header("content-type", "text/xml").send(
    `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>${message}</Message></Error>`
      + `<RequestId>cronwatch-fauxqs</RequestId></ErrorResponse>`);
  return reply;
}

function attributesSize(body) {
  let size = 0;
  for (const [key, value] of Object.entries(body)) {
    if (/^MessageAttributes\.entry\.\d+\.(Name|Value\.DataType|Value\.StringValue)$/.test(key)) {
      size += Buffer.byteLength(value, "utf8");
    }
  }
  return size;
}

app.addHook("preHandler", async (request, reply) => {
  const body = request.body;
  if (request.method !== "POST" || !body || typeof body !== "object" || Buffer.isBuffer(body)) return;
  if (body.Action === "Subscribe" && body.Protocol && body.Protocol !== "sqs") {
    const list = otherSubscribers.get(body.TopicArn) ?? [];
    list.push({ protocol: body.Protocol, endpoint: body.Endpoint ?? null });
    otherSubscribers.set(body.TopicArn, list);
    return;
  }
  if (body.Action !== "Publish" || typeof body.Message !== "string") return;
  let perProtocol = null;
  if (body.MessageStructure === "json") {
    if (Buffer.byteLength(body.Message, "utf8") + attributesSize(body) > MAX_MESSAGE_BYTES) {
      return invalidParameter(reply, "Invalid parameter: Message too long");
    }
    try {
      perProtocol = JSON.parse(body.Message);
    } catch {
      return invalidParameter(reply, "Invalid parameter: Message Structure - JSON message body failed to parse");
    }
    if (!perProtocol || typeof perProtocol.default !== "string") {
      return invalidParameter(reply, "Invalid parameter: Message Structure - No default entry in JSON message body");
    }
    body.Message = typeof perProtocol.sqs === "string" ? perProtocol.sqs : perProtocol.default;
    delete body.MessageStructure;
  }
  for (const subscriber of otherSubscribers.get(body.TopicArn) ?? []) {
    const own = perProtocol && typeof perProtocol[subscriber.protocol] === "string" ? perProtocol[subscriber.protocol] : null;
    const message = own ?? (perProtocol ? perProtocol.default : body.Message);
    const delivered = subscriber.protocol === "email-json"
      ? JSON.stringify({ Type: "Notification", TopicArn: body.TopicArn, Subject: body.Subject ?? null, Message: message,
          Timestamp: new Date().toISOString() })
      : message;
    deliveries.push({ protocol: subscriber.protocol, endpoint: subscriber.endpoint, subject: body.Subject ?? null,
      body: delivered });
  }
});

app.get("/_cronwatch/deliveries", async () => deliveries);

const address = await app.listen({ port: Number(process.env.FAUXQS_PORT ?? 0), host: "127.0.0.1" });
console.log("FAUXQS_LISTENING " + address);
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => app.close().then(() => process.exit(0)));
}
