import { z } from 'zod';

/** `POST /api/articles/:id/suggestions/accept|reject`: the suggestion's id as `GET …/suggestions` gave it. */
export const suggestionDecisionSchema = z.object({
  id: z.string().min(1).max(200),
});

/** `PATCH /api/projects/:id/suggestions`: turn the workspace's suggestions on or off for the project. */
export const suggestionSwitchSchema = z.object({ enabled: z.boolean() }).strict();
