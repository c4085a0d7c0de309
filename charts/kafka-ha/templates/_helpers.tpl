{{/* The KafkaCluster's name: cluster.name, else the release name. */}}
{{- define "kafka-ha.clusterName" -}}
{{- default .Release.Name .Values.cluster.name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* The operator's Deployment, ServiceAccount and RBAC objects. */}}
{{- define "kafka-ha.operatorName" -}}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kafka-ha.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create -}}
{{- default (include "kafka-ha.operatorName" .) .Values.operator.serviceAccount.name -}}
{{- else -}}
{{- required "operator.serviceAccount.name must name an existing ServiceAccount when operator.serviceAccount.create is false" .Values.operator.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kafka-ha.image" -}}
{{- printf "%s:%s" .Values.operator.image.repository (default .Chart.AppVersion .Values.operator.image.tag) -}}
{{- end -}}

{{/* Labels of every object of the chart. */}}
{{- define "kafka-ha.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: kafka-ha
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The operator's pods: their labels are kafka-ha.labels plus this name; the selector is both. */}}
{{- define "kafka-ha.operatorSelector" -}}
app.kubernetes.io/name: kafka-ha-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
The namespaces the operator watches, one per line: the release's namespace unless operator.watchNamespaces names
others; nothing when it watches all namespaces. A KafkaCluster installed by the chart must be in one of them.
*/}}
{{- define "kafka-ha.watchedNamespaces" -}}
{{- if not .Values.operator.watchAllNamespaces -}}
{{- $namespaces := .Values.operator.watchNamespaces | default (list .Release.Namespace) | uniq -}}
{{- if and .Values.cluster.enabled (not (has .Release.Namespace $namespaces)) -}}
{{- fail (printf "operator.watchNamespaces %v does not include the release's namespace %s, where cluster.enabled creates the KafkaCluster: add %s to the list, set operator.watchAllNamespaces=true, or set cluster.enabled=false" $namespaces .Release.Namespace .Release.Namespace) -}}
{{- end -}}
{{- join "\n" $namespaces -}}
{{- end -}}
{{- end -}}

{{/*
What the operator may do, and no more: exactly io.kafkaha.operator.reconciler.OperatorPermissions (the chart tests
compare the two). Used by the Role of each watched namespace, or by the ClusterRole.
*/}}
{{- define "kafka-ha.operatorRules" -}}
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: ["kafkaha.io"]
  resources: ["kafkaclusters"]
  verbs: ["list", "watch"]
- apiGroups: ["kafkaha.io"]
  resources: ["kafkaclusters/status"]
  verbs: ["patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "patch"]
{{- end -}}

{{/*
A Helm value as a Kafka property value: numbers as Kafka writes them (Helm reads every YAML number as a float,
which toString would turn into 6.048e+08), everything else as text.
*/}}
{{- define "kafka-ha.propertyValue" -}}
{{- if and (kindIs "float64" .) (eq . (float64 (int64 .))) -}}
{{- int64 . -}}
{{- else -}}
{{- toString . -}}
{{- end -}}
{{- end -}}

{{/* One role's spec in the KafkaCluster: replicas, storage, resources, config. */}}
{{- define "kafka-ha.roleSpec" -}}
replicas: {{ .replicas }}
storage:
  size: {{ .persistence.size | quote }}
  {{- if not .persistence.enabled }}
  ephemeral: true
  {{- end }}
  {{- with .persistence.storageClass }}
  storageClassName: {{ . | quote }}
  {{- end }}
  {{- if .persistence.deleteClaimsWithCluster }}
  deleteClaimsWithCluster: true
  {{- end }}
{{- with .resources }}
resources:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .config }}
config:
  {{- range $key, $value := . }}
  {{ $key | quote }}: {{ include "kafka-ha.propertyValue" $value | quote }}
  {{- end }}
{{- end }}
{{- end -}}
