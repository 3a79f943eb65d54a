import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { inviteMember, listMembers, listOpenInvitations, removeMember, revokeInvitation } from "~/modules/accounts/members.server";
import { can } from "~/modules/accounts/permissions";
import { InviteSchema } from "~/modules/accounts/schemas";
import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { deliverOutboxSoon } from "~/modules/mail/outbox.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { publicOrigin, idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";
import { BusinessTabs } from "~/components/business-tabs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  const [members, invitations] = await Promise.all([listMembers(scope), listOpenInvitations(scope)]);
  return {
    members,
    invitations,
    canManage: can(scope.user.role, "business:manageMembers"),
    myId: scope.user.id,
    title: `${t("members.title")} — ${t("common:shell.brand")}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request, "business:manageMembers");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const flash = async (message: string, values?: Record<string, string>) =>
    redirect("/business/members", { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message, values }) } });

  if (intent === "remove") {
    const userId = idParam(String(formData.get("userId") ?? ""));
    const result = userId ? await removeMember(scope, userId) : "notFound";
    if (result === "notFound") throw notFound();
    if (result === "isOwner") return data(failure({ form: "errors.cannotRemoveOwner" }, {}), { status: 409 });
    return flash("accounts:members.removed");
  }
  if (intent === "revoke") {
    const invitationId = idParam(String(formData.get("invitationId") ?? ""));
    if (!invitationId || !(await revokeInvitation(scope, invitationId))) throw notFound();
    return flash("accounts:members.revoked");
  }

  const parsed = parseForm(InviteSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const t = await i18nServer.getFixedT(request, "accounts");
  const result = await inviteMember(scope, parsed.data.email, publicOrigin(), (link, days) => ({
    subject: t("mail.invite.subject", { business: scope.user.businessName }),
    text: t("mail.invite.body", { inviter: scope.user.fullName, business: scope.user.businessName, link, days }),
  }));
  if (result !== "sent") return data(failure({ email: `errors.invite.${result}` }, formValues(formData)), { status: 409 });
  deliverOutboxSoon();
  return flash("accounts:members.invited", { email: parsed.data.email });
}

export default function MembersPage() {
  const { t } = useTranslation("accounts");
  const { members, invitations, canManage, myId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(InviteSchema, actionData?.errors);
  const { errors } = form;
  return (
    <>
      <BusinessTabs />
      <h1>{t("members.title")}</h1>
      <p className="lead">{t("members.lead")}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("members.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.fullName")}</th>
              <th scope="col">{t("fields.email")}</th>
              <th scope="col">{t("members.role")}</th>
              <th scope="col">{t("members.since")}</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">{t("members.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td data-label={t("fields.fullName")}>
                  {member.fullName}
                  {member.id === myId ? ` (${t("members.you")})` : null}
                </td>
                <td data-label={t("fields.email")}>{member.email}</td>
                <td data-label={t("members.role")}>{t(`common:roles.${member.role}`)}</td>
                <td data-label={t("members.since")}>{formatDate(member.createdAt)}</td>
                {canManage ? (
                  <td>
                    {member.role === "business_owner" ? null : (
                      <details className="confirm">
                        <summary>
                          {t("members.remove")}
                          <span className="visually-hidden"> {member.fullName}</span>
                        </summary>
                        <Form method="post" className="confirm__panel">
                          <p>{t("members.removeConfirm", { name: member.fullName })}</p>
                          <input type="hidden" name="userId" value={member.id} />
                          <button type="submit" name="intent" value="remove" className="button button--warning">
                            {t("members.removeButton")}
                          </button>
                        </Form>
                      </details>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canManage ? (
        <>
          <h2>{t("members.invitationsTitle")}</h2>
          {invitations.length ? (
            <ul className="plain-list">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="plain-list__row">
                  <span>
                    {invitation.email} — {t("members.invitedOn", { date: formatDate(invitation.createdAt), until: formatDate(invitation.expiresAt) })}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" name="intent" value="revoke" className="button button--link">
                      {t("members.revoke")}
                      <span className="visually-hidden"> {invitation.email}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("members.noInvitations")}</p>
          )}
          <section className="panel narrow" aria-labelledby="invite-title">
            <h2 id="invite-title">{t("members.inviteTitle")}</h2>
            <p>{t("members.inviteLead")}</p>
            <ValidatedForm form={form} className="stack">
              <ErrorSummary errors={errors} labels={{ email: t("fields.email") }} />
              <input type="hidden" name="intent" value="invite" />
              <TextField
                name="email"
                type="email"
                label={t("fields.email")}
                error={errors.email}
                defaultValue={kept(actionData?.values, "email")}
              />
              <SubmitButton>{t("members.invite")}</SubmitButton>
            </ValidatedForm>
          </section>
        </>
      ) : (
        <p className="field__hint">{t("members.ownerOnly")}</p>
      )}
    </>
  );
}
