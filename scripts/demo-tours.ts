/** The tours `npm run demo` runs, in order (examples/*.ts). */
import { runPaginatorsAndWaitersTour } from '../examples/paginators-and-waiters';
import { runProfilesDemo } from '../examples/profiles';
import { runResourcesTour } from '../examples/resources-tour';
import { runTour } from '../examples/tour';
import { runTransfersTour } from '../examples/transfers-tour';

export interface DemoEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
}

export const TOURS: Array<{ title: string; run(endpoints: DemoEndpoints): Promise<void> }> = [
  { title: 'Clients: calls, errors, bad input, DynamoDB', run: runTour },
  { title: 'Paginators and waiters', run: runPaginatorsAndWaitersTour },
  { title: 'Resources', run: runResourcesTour },
  { title: 'S3 managed transfers', run: runTransfersTour },
  { title: 'Profiles', run: runProfilesDemo },
];
