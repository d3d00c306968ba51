// Validates each resource of a rendered overlay (a JSON array on standard input) against its
// schema: the Kubernetes API types from kubernetes-models, Strimzi's KafkaTopic and KafkaUser from
// its CRDs' schemas. Prints one line per resource that fails and exits 1; a kind it has no model for
// fails too, so that nothing goes unchecked. (Unknown fields are not reported: the models allow them.)
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as autoscaling from "kubernetes-models/autoscaling/v2";
import * as policy from "kubernetes-models/policy/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as strimzi from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2";

const models = {
  "v1": core, "apps/v1": apps, "autoscaling/v2": autoscaling, "policy/v1": policy,
  "networking.k8s.io/v1": networking, "kafka.strimzi.io/v1beta2": strimzi,
};
const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
});
let failures = 0;
let checked = 0;
for (const resource of JSON.parse(input)) {
  const name = `${resource.apiVersion} ${resource.kind} ${resource.metadata?.name}`;
  const Model = models[resource.apiVersion]?.[resource.kind];
  if (!Model) {
    console.log(`${name}: no schema for this kind`);
    failures++;
    continue;
  }
  try {
    new Model(resource).validate();
    checked++;
  } catch (e) {
    console.log(`${name}: ${e.message}`);
    failures++;
  }
}
console.log(`validated ${checked} resources, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
