// corpus: renders "Account"
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Card, CardContent, CardHeader, CardTitle, CardDescription } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Accordion, AccordionContent, AccordionItem, AccordionTrigger } from "@/components/ui/accordion";
import { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger } from "@/components/ui/tooltip";
import { Slider } from "@/components/ui/slider";
import { Skeleton } from "@/components/ui/skeleton";
import { Info } from "lucide-react";
import { useState } from "react";

export default function ProfileTabs() {
  const [volume, setVolume] = useState([60]);
  return (
    <TooltipProvider>
      <div className="mx-auto max-w-xl p-8">
        <Tabs defaultValue="account">
          <TabsList className="grid w-full grid-cols-3">
            <TabsTrigger value="account">Account</TabsTrigger>
            <TabsTrigger value="usage">Usage</TabsTrigger>
            <TabsTrigger value="faq">FAQ</TabsTrigger>
          </TabsList>
          <TabsContent value="account">
            <Card>
              <CardHeader>
                <CardTitle className="flex items-center gap-2">
                  Storage
                  <Tooltip>
                    <TooltipTrigger><Info className="h-4 w-4 text-muted-foreground" /></TooltipTrigger>
                    <TooltipContent>Files, photos and backups</TooltipContent>
                  </Tooltip>
                </CardTitle>
                <CardDescription>7.2 GB of 10 GB used</CardDescription>
              </CardHeader>
              <CardContent className="space-y-6">
                <Progress value={72} />
                <div className="space-y-2">
                  <p className="text-sm">Notification volume: {volume[0]}%</p>
                  <Slider value={volume} onValueChange={setVolume} max={100} step={5} />
                </div>
              </CardContent>
            </Card>
          </TabsContent>
          <TabsContent value="usage">
            <div className="space-y-2 pt-4">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          </TabsContent>
          <TabsContent value="faq">
            <Accordion type="single" collapsible>
              <AccordionItem value="a">
                <AccordionTrigger>Can I change my plan?</AccordionTrigger>
                <AccordionContent>Yes, any time from the billing page.</AccordionContent>
              </AccordionItem>
              <AccordionItem value="b">
                <AccordionTrigger>Do you offer refunds?</AccordionTrigger>
                <AccordionContent>Within 30 days of purchase.</AccordionContent>
              </AccordionItem>
            </Accordion>
          </TabsContent>
        </Tabs>
      </div>
    </TooltipProvider>
  );
}
